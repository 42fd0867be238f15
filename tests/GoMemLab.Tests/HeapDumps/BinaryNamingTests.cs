using GoMemLab.Environment;
using GoMemLab.HeapDumps;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Root names from the program's ELF symbols: the retention program's globals by name (checked against `go tool nm`
/// on the same binary), a binary of another program refused with a message naming it, a stripped one falling back
/// with a note, a non-ELF file refused.
/// </summary>
public sealed class BinaryNamingTests(RetentionProgram program) : IClassFixture<RetentionProgram>
{
    [Fact]
    public void Globals_take_the_symbol_go_tool_nm_gives_for_their_address()
    {
        var go = GoToolchain.FindGo()!;
        var nm = ExternalProcess.Run(go, ["tool", "nm", program.Binary], RepoPaths.Root, TimeSpan.FromMinutes(1));
        var sessions = nm.Output.Split('\n').Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(f => f.Length == 3 && f[2] == "main.sessions");
        var address = Convert.ToUInt64(sessions[0], 16);
        var root = program.Sampled.Dump.Roots.Roots.Single(r => r.Name == "main.sessions");
        Assert.Equal(address, root.Address);
        Assert.Contains(program.Sampled.Dump.Roots.Roots, r => r.Name == "main.cache+0x8");
    }

    [Fact]
    public void Without_a_binary_globals_are_named_by_segment_and_offset()
    {
        var dump = HeapDump.Load(program.Sampled.DumpPath);
        var named = program.Sampled.Dump.Roots.Roots.Single(r => r.Name == "main.sessions");
        var plain = dump.Roots.Roots.Single(r => r.Address == named.Address);
        var segmentStart = plain.Segment == "bss" ? dump.BssSegment!.Address : dump.DataSegment!.Address;
        Assert.Equal($"{plain.Segment}+0x{plain.Address - segmentStart:x}", plain.Name);
    }

    [Fact]
    public void A_binary_of_another_program_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        var other = BuildOther(dir, stripped: false);
        var dump = HeapDump.Load(program.Sampled.DumpPath);
        var error = Assert.Throws<InputFormatException>(() => dump.NameRootsWith(other));
        Assert.StartsWith($"{other}: does not match the dump {program.Sampled.DumpPath}: its data segment is 0x", error.Message);
        Assert.EndsWith("give the binary of the program that wrote the dump", error.Message);
    }

    [Fact]
    public void A_stripped_binary_keeps_segment_names_with_a_note()
    {
        using var dir = new TempDirectory();
        var stripped = BuildOther(dir, stripped: true);
        var dump = HeapDump.Load(program.Sampled.DumpPath);
        var before = dump.Roots.Roots.Select(r => r.Name).ToList();
        var note = dump.NameRootsWith(stripped);
        Assert.Equal($"{stripped} has no symbol table (built with -ldflags=-s?): globals keep their data+0x…/bss+0x… names", note);
        Assert.Equal(before, dump.Roots.Roots.Select(r => r.Name).ToList());
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused()
    {
        var dump = HeapDump.Load(program.Sampled.DumpPath);
        var notElf = Path.Combine(RepoPaths.Root, "data", "go", "retention", "main.go");
        var error = Assert.Throws<InputFormatException>(() => dump.NameRootsWith(notElf));
        Assert.Equal($"{notElf} (at byte 0): is not an ELF binary (Linux executables are; build the program on Linux, without -s)",
            error.Message);
    }

    // Another program: the benchmark's dump generator (stdlib only, builds in about a second).
    private static string BuildOther(TempDirectory dir, bool stripped)
    {
        var go = GoToolchain.FindGo()!;
        var output = dir.File(stripped ? "other-stripped" : "other");
        string[] args = stripped ? ["build", "-trimpath", "-ldflags=-s", "-o", output, "."] : ["build", "-trimpath", "-o", output, "."];
        var result = ExternalProcess.Run(go, args, Path.Combine(RepoPaths.Root, "bench", "heapdump-gen"), TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["GOPROXY"] = "off" });
        Assert.True(result.ExitCode == 0, result.Output);
        return output;
    }
}

using System.Diagnostics;
using System.Text.Json;
using GoMemLab.Environment;
using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Builds data/go/retention with the real Go toolchain (-trimpath), runs it with runtime.MemProfileRate = 1 and with
/// Go's default, and loads each heap dump beside what the runtime itself measured after writing it (measured.json:
/// HeapAlloc after a GC, and the HeapAlloc drop when each root is removed). GOMAXPROCS=1: with a second P the
/// runtime's background work sometimes allocates between a GC and the MemStats read (8 to 1,864 bytes seen here).
/// Built and run once per test class; about 1 s on this machine (go build ~0.6 s, each run ~0.2 s).
/// </summary>
public sealed class RetentionProgram : IDisposable
{
    private readonly TempDirectory _dir = new();

    public RetentionProgram()
    {
        var clock = Stopwatch.StartNew();
        var go = GoToolchain.FindGo()
            ?? throw new InvalidOperationException("Go toolchain not found on PATH; these tests run a Go program (install Go, as CI does)");
        Binary = _dir.File("retention");
        var build = ExternalProcess.Run(go, ["build", "-trimpath", "-o", Binary, "."], RepoPaths.Data("go", "retention"),
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod" });
        if (build.ExitCode != 0) throw new InvalidOperationException("go build of data/go/retention failed:\n" + build.Output);
        Sampled = Run("rate1", 1);
        Default = Run("default", 0);
        SetupTime = clock.Elapsed;
    }

    /// <summary>The program's binary (not stripped), for naming roots.</summary>
    public string Binary { get; }

    /// <summary>A run with MemProfileRate = 1: every object allocated after main started has a site.</summary>
    public Run Sampled { get; }

    /// <summary>A run with Go's default MemProfileRate (512 KiB): few objects have a site.</summary>
    public Run Default { get; }

    public TimeSpan SetupTime { get; }

    private Run Run(string name, int rate)
    {
        var dir = _dir.File(name);
        Directory.CreateDirectory(dir);
        var result = ExternalProcess.Run(Binary, ["-out", dir, "-rate", rate.ToString()], dir, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["GOMAXPROCS"] = "1" });
        if (result.ExitCode != 0) throw new InvalidOperationException($"retention -rate {rate} failed:\n{result.Output}");
        var measured = JsonSerializer.Deserialize<Dictionary<string, ulong>>(File.ReadAllText(Path.Combine(dir, "measured.json")))!;
        var path = Path.Combine(dir, "heap.dump");
        var dump = HeapDump.Load(path);
        dump.NameRootsWith(Binary);
        return new Run(path, dump, measured);
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>One run of the retention program: its dump (roots named from the binary) and the runtime's measurements.</summary>
public sealed record Run(string DumpPath, HeapDump Dump, IReadOnlyDictionary<string, ulong> Measured)
{
    /// <summary>A measured value that may be a negative difference (uint64 wrap-around in Go).</summary>
    public long Drop(string key) => unchecked((long)Measured["drop_" + key]);

    public long Value(string key) => unchecked((long)Measured[key]);
}

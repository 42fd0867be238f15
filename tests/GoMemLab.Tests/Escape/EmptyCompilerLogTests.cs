using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Escape;

/// <summary>
/// A package with no escape diagnostics prints nothing under -m (issue 18, item 9): Go's own test/escape_hash_maphash.go,
/// compiled with the flags of its "errorcheck -0 -m -l" header, is the real case. `escape check` and `escape diff` take the
/// empty log, with the stdout-instead-of-stderr hint as a note; a check whose expectations want diagnostics still refuses it.
/// </summary>
public class EmptyCompilerLogTests
{
    private const string GoTestFile = "/usr/lib/go-1.19/test/escape_hash_maphash.go";

    [Fact]
    public void Gos_escape_hash_maphash_test_compiles_to_an_empty_log_that_check_and_diff_accept()
    {
        using var dir = new TempDirectory();
        var source = CompileWithItsFlags(dir);
        var log = dir.File("m.txt");
        Assert.Equal(0, new FileInfo(log).Length);

        var (exit, stdout, stderr) = GomemlabCli.Run("escape", "check", log, "--expect", source, "--format", "csv");
        Assert.True(exit == 0, stderr);
        Assert.Equal("status,file,line,column,expected,message", stdout.Trim());
        Assert.Contains($"note: {log} is empty: read as a package with no diagnostics (if it should hold some, the compiler prints it "
            + $"on stderr: "
            + "go build -gcflags=-m 2> FILE)", stderr);

        (exit, _, stderr) = GomemlabCli.Run("escape", "diff", log, log, "--fail-on-new");
        Assert.True(exit == 0, stderr);
        Assert.Contains("0 new, 0 removed, 0 unchanged heap escapes", stderr);
    }

    [Fact]
    public void A_diff_against_an_empty_log_lists_every_escape_as_removed_or_new()
    {
        using var dir = new TempDirectory();
        var empty = dir.File("empty.txt");
        File.WriteAllText(empty, "");
        var before = RepoPaths.Artifact("escape", "fix-before-m2.txt");
        // grep -cE ': moved to heap: [^:]*$|escapes to heap$' (the -m=2 explanation headers end in ':').
        var escapes = File.ReadLines(before).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l,
            ": moved to heap: [^:]*$|escapes to heap$"));
        Assert.True(escapes > 0);

        var (exit, _, stderr) = GomemlabCli.Run("escape", "diff", before, empty);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"0 new, {escapes} removed, 0 unchanged heap escapes", stderr);
        (exit, _, stderr) = GomemlabCli.Run("escape", "diff", empty, before, "--fail-on-new");
        Assert.Equal(1, exit);
        Assert.Contains($"{escapes} new, 0 removed, 0 unchanged heap escapes", stderr);
    }

    [Fact]
    public void An_empty_log_is_still_refused_when_the_expectations_want_diagnostics()
    {
        using var dir = new TempDirectory();
        var empty = dir.File("m.txt");
        File.WriteAllText(empty, "");
        var (exit, _, stderr) = GomemlabCli.Run("escape", "check", empty, "--expect", RepoPaths.Data("go", "leaky", "escape"));
        Assert.Equal(2, exit);
        Assert.Equal($"gomemlab: {empty}: is empty, expected go build -gcflags=-m output (the compiler prints it on stderr: go build "
            + $"-gcflags=-m 2> FILE)",
            stderr.Trim());
    }

    // Go's file when the Debian golang-go test tree is installed; else the same code (a maphash.Hash on the stack, no annotation).
    private static string CompileWithItsFlags(TempDirectory dir)
    {
        ExternalTools.Require("go");
        var module = dir.File("escape");
        Directory.CreateDirectory(module);
        var source = Path.Combine(module, "escape_hash_maphash.go");
        if (File.Exists(GoTestFile)) File.Copy(GoTestFile, source);
        else File.WriteAllText(source,
            "// errorcheck -0 -m -l\n\npackage escape\n\nimport \"hash/maphash\"\n\nfunc f() {\n\tvar x "
                + "maphash.Hash\n\tx.WriteString(\"foo\")\n\tx.Sum64()\n}\n");
        Assert.StartsWith("// errorcheck -0 -m -l", File.ReadLines(source).First());
        File.WriteAllText(Path.Combine(module, "go.mod"), "module example.com/escape\n\ngo 1.19\n");
        var build = ExternalProcess.Run("sh", ["-c", "go build -gcflags='-m -l' . 2> ../m.txt"], module, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod" });
        Assert.True(build.ExitCode == 0, build.Output);
        return source;
    }
}

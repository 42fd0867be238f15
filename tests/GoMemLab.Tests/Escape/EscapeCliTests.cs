using GoMemLab.Escape;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

// The real `gomemlab` executable (built next to the tests), run as a process so exit codes and the
// exact CSV are what a user or CI sees.
public class EscapeCliTests
{
    [Fact]
    public void List_csv_has_the_contract_header_and_one_row_per_diagnostic()
    {
        var log = RepoPaths.Artifact("escape", "leaky-m2.txt");
        var (exit, output, _) = GomemlabCli.Run("escape", "list", log, "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("package,file,line,column,kind,subject,message,flow_steps", lines[0]);
        // Rows per kind against grep -c on the log (a header "X escapes to heap:" is not a decision; its last line is).
        var logLines = File.ReadAllLines(log);
        int Grep(string pattern) => logLines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\S+:\d+:\d+: " + pattern));
        int Rows(string kind) => lines.Skip(1).Count(l => l.Split(',')[4] == kind);
        Assert.Equal(Grep("moved to heap: "), Rows("moved-to-heap"));
        Assert.Equal(Grep(@"(?! ).* escapes to heap$"), Rows("escapes-to-heap"));
        Assert.Equal(Grep(@"(?! ).* does not escape$"), Rows("does-not-escape"));
        Assert.Equal(Grep("can inline "), Rows("can-inline"));
        Assert.Equal(Grep("inlining call to "), Rows("inlining-call"));
        Assert.Contains("example.com/leaky/escape,escape/iface.go,11,9,escapes-to-heap,v,v escapes to heap,3", lines);

        var moved = GomemlabCli.Run("escape", "list", log, "--kind", "moved-to-heap", "--format", "csv").Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(File.ReadLines(log).Count(l => l.Contains(": moved to heap: ")) + 1, moved.Length);
    }

    [Fact]
    public void Diff_fails_on_a_new_heap_escape_only_when_asked()
    {
        var before = RepoPaths.Artifact("escape", "fix-before-m2.txt");
        var after = RepoPaths.Artifact("escape", "fix-after-m2.txt");
        Assert.Equal(0, GomemlabCli.Run("escape", "diff", before, after, "--fail-on-new").Exit);
        var regression = GomemlabCli.Run("escape", "diff", after, before, "--fail-on-new", "--format", "csv");
        Assert.Equal(1, regression.Exit);
        Assert.Contains("new,fingerprint/fingerprint.go,Fingerprint,", regression.Stdout);
        Assert.Equal(0, GomemlabCli.Run("escape", "diff", after, before).Exit);
    }

    [Fact]
    public void Check_exits_zero_on_the_catalogue_and_bad_input_is_one_line_and_exit_two()
    {
        Assert.Equal(0, GomemlabCli.Run("escape", "check", RepoPaths.Artifact("escape", "leaky-m1.txt"), "--expect",
            RepoPaths.Data("go", "leaky", "escape")).Exit);
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bin.dat"), [0, 1, 2, 3]);
        var bad = GomemlabCli.Run("escape", "summary", dir.File("bin.dat"));
        Assert.Equal(2, bad.Exit);
        Assert.Single(bad.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("bin.dat", bad.Stderr);
        Assert.Equal(2, GomemlabCli.Run("escape", "list", RepoPaths.Artifact("escape", "leaky-m1.txt"), "--kind", "bogus").Exit);
    }

    [Fact]
    public void Asm_allocs_and_crosscheck_run_on_the_artifacts()
    {
        var allocs = GomemlabCli.Run("asm", "allocs", RepoPaths.Artifact("escape", "leaky-asm.txt"), "--format", "csv");
        Assert.Equal(0, allocs.Exit);
        Assert.StartsWith("package,function,file,line,runtime_function,pc\n", allocs.Stdout);
        var cross = GomemlabCli.Run("asm", "crosscheck", RepoPaths.Artifact("escape", "leaky-asm.txt"), RepoPaths.Artifact("escape",
            "leaky-m2.txt"), "--format", "csv");
        Assert.Equal(0, cross.Exit);
        Assert.Contains("\nagree,", cross.Stdout);
    }
}

using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// Exit code 1 is kept for findings (a new heap escape, a failing cell) so a CI gate can trust it: a command line
/// the parser rejects exits 2, like every other bad argument.
/// </summary>
public class CommandLineExitCodeTests
{
    public static TheoryData<string[], string> Rejected => new()
    {
        { new[] { "escape", "diff", RepoPaths.Artifact("escape", "fix-before-m2.txt"), RepoPaths.Artifact("escape", "fix-after-m2.txt"),
            "--fail-on-new", "--format", "xml" }, "xml" },
        { new[] { "pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--nodecount", "ten" }, "ten" },
        { new[] { "pprof", "top" }, "Required argument missing" },
        { new[] { "pprof", "topp", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz") }, "topp" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_rejected_command_line_exits_2_and_says_why_on_stderr(string[] arguments, string named)
    {
        var (exit, _, stderr) = GomemlabCli.Run(arguments);
        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public void A_finding_still_exits_1()
    {
        // The fix removes heap escapes, so `after` against `before` has none new; the other way round has some.
        var (exit, _, _) = GomemlabCli.Run("escape", "diff", RepoPaths.Artifact("escape", "fix-after-m2.txt"), RepoPaths.Artifact("escape",
            "fix-before-m2.txt"), "--fail-on-new");
        Assert.Equal(1, exit);
    }
}

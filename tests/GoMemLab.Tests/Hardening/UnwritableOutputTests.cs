using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// An output path that cannot be written is one line naming it and exit 2, not a stack trace. The path's folder is
/// a regular file (the repository's README), so no command can create it and nothing is written anywhere.
/// </summary>
public class UnwritableOutputTests
{
    private static readonly string Missing = Path.Combine(RepoPaths.Root, "README.md", "out");

    public static TheoryData<string[]> Commands => new()
    {
        { new[] { "gctrace", RepoPaths.Artifact("telemetry", "leaky-gctrace.log"), "--chart", Missing + "/gc.html" } },
        { new[] { "memstats", RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl"), "--chart", Missing + "/memstats.html" } },
        { new[] { "pprof", "compare", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--chart", Missing + "/compare.html" } },
        { new[] { "pprof", "flame", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--out", Missing + "/flame.html" } },
        { new[] { "why", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--escape", RepoPaths.Artifact("escape", "leaky-m2.txt"),
            "--output", Missing + "/why.csv" } },
        { new[] { "report", "--heap", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--out", Missing + "/report.html" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Writing_into_a_missing_folder_is_one_line_and_exit_2(string[] arguments)
    {
        var (exit, _, stderr) = GomemlabCli.Run(arguments);
        Assert.Equal(2, exit);
        Assert.Contains(Missing, stderr);
        Assert.StartsWith("gomemlab: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Run_refuses_to_overwrite_its_notebook_before_running_a_cell()
    {
        var notebook = Path.Combine(RepoPaths.Root, "notebooks", "00-start-here.ipynb");
        var before = File.ReadAllBytes(notebook);
        var (exit, _, stderr) = GomemlabCli.Run("run", notebook, "--out", Path.GetDirectoryName(notebook)!);
        Assert.Equal(2, exit);
        Assert.Contains("would overwrite the input notebook", stderr);
        Assert.DoesNotContain("[cell", stderr);
        Assert.Equal(before, File.ReadAllBytes(notebook));
    }
}

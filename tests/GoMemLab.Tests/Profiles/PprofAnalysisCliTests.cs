using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>`gomemlab pprof compare|trend|flame` as a user runs them (a separate process, real files).</summary>
public class PprofAnalysisCliTests
{
    private static string Heap(string name) => RepoPaths.Artifact("heap", name);

    [Fact]
    public void Compare_csv_has_the_contract_header_and_pprof_values()
    {
        var (exit, stdout, _) = Gomemlab("pprof", "compare", Heap("leaky-heap-3.pb.gz"), "--format", "csv");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", AllocVsInuseReport.Columns), lines[0]);
        var put = lines.Single(l => l.StartsWith("example.com/leaky/internal/cache.(*Cache).Put,", StringComparison.Ordinal)).Split(',');
        // Put's flat alloc_space and inuse_space as go tool pprof -top gives them (data/golden/pprof).
        long PprofFlat(string index) => PprofTopGolden.Parse(RepoPaths.Data("golden", "pprof", $"leaky-heap-3.{index}.functions.txt"))
            .Single(r => r.Name == "example.com/leaky/internal/cache.(*Cache).Put").Flat;
        Assert.Equal(PprofFlat("alloc_space").ToString(), put[1]);
        Assert.Equal(PprofFlat("inuse_space").ToString(), put[3]);

        (exit, stdout, _) = Gomemlab("pprof", "compare", Heap("leaky-heap-3.pb.gz"), "--suspects", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"function\": \"main.archive\"", stdout);
    }

    [Fact]
    public void Trend_ranks_the_leaks_first_in_every_format()
    {
        string[] files = [Heap("leaky-heap-2.pb.gz"), Heap("leaky-heap-4.pb.gz"), Heap("leaky-heap-1.pb.gz"), Heap("leaky-heap-3.pb.gz")];
        var (exit, stdout, _) = Gomemlab(["pprof", "trend", .. files, "--format", "csv"]);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("function,first,last,change,slope_per_minute,r_squared,snapshots_present", lines[0]);
        Assert.StartsWith("example.com/leaky/internal/cache.(*Cache).Put,", lines[1]);
        Assert.StartsWith("main.archive,", lines[2]);
        Assert.StartsWith("example.com/leaky/internal/registry.Register,", lines[3]);
        (exit, stdout, _) = Gomemlab(["pprof", "trend", .. files, "--series", "--format", "table"]);
        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^function\s+snapshot\s+source\s+time\s+minutes\s+value\s*$", stdout.Split('\n')[0]);
    }

    [Fact]
    public void Flame_writes_an_offline_page_and_a_diff()
    {
        using var dir = new TempDirectory();
        var page = dir.File("flame.html");
        var (exit, _, stderr) = Gomemlab("pprof", "flame", Heap("leaky-heap-4.pb.gz"), "--diff-base", Heap("leaky-heap-1.pb.gz"),
            "--out", page);
        Assert.Equal(0, exit);
        Assert.Contains("wrote", stderr);
        var html = File.ReadAllText(page);
        Assert.Contains("\"type\":\"icicle\"", html);
        Assert.Contains("Diff flame graph", html);
        Assert.DoesNotContain("https://", GoMemLab.Charts.OfflineHtmlPage.StripInlinedPlotly(html));
    }

    [Fact]
    public void Bad_input_is_one_line_on_stderr_and_exit_2()
    {
        foreach (var arguments in new[]
                 {
                     new[] { "pprof", "compare", Heap("leaky-cpu.pb.gz") },
                     ["pprof", "compare", "no-such.pb.gz"],
                     ["pprof", "trend", Heap("leaky-heap-1.pb.gz"), Heap("leaky-heap-2.pb.gz")],
                     ["pprof", "trend", Heap("leaky-heap-1.pb.gz"), Heap("leaky-heap-2.pb.gz"), RepoPaths.Artifact("telemetry",
                         "leaky-gctrace.log")],
                     ["pprof", "flame", Heap("leaky-heap-1.pb.gz"), "--out", "/tmp/never-written.html", "--sample-index", "bogus"],
                 })
        {
            var (exit, stdout, stderr) = Gomemlab(arguments);
            Assert.True(exit == 2, string.Join(" ", arguments) + ": " + stderr);
            Assert.Equal("", stdout);
            Assert.StartsWith("gomemlab: ", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        Assert.False(File.Exists("/tmp/never-written.html"));
    }

    private static (int Exit, string Stdout, string Stderr) Gomemlab(params string[] arguments) => GomemlabCli.Run(arguments);
}

using GoMemLab.Tests.Support;
using static GoMemLab.Tests.Goroutines.KnownGoroutinesTests;

namespace GoMemLab.Tests.Goroutines;

/// <summary>`gomemlab goroutines top|growth` as a user runs them: a separate process, real dumps, the CSV contracts and exit
/// codes.</summary>
public class GoroutineCliTests
{
    private static readonly KnownGoroutines Expected = KnownGoroutines.Read(Artifact("known-expected.json"));

    [Theory]
    [InlineData("known.pb.gz")]
    [InlineData("known-debug1.txt")]
    [InlineData("known-debug2.txt")]
    public void Top_by_start_prints_the_contract_header_and_the_known_counts(string file)
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("goroutines", "top", Artifact(file), "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("key,count,", lines[0]);
        Assert.Equal(GoMemLab.Goroutines.Analyses.GoroutineGroups.CsvHeader, lines[0]);
        var counts = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => long.Parse(f[1]));
        Assert.Equal(Expected.ByStart.OrderBy(c => c.Key), counts.OrderBy(c => c.Key));
    }

    [Fact]
    public void Top_by_creation_keys_sites_as_function_and_position()
    {
        var (exit, stdout, _) = GomemlabCli.Run("goroutines", "top", Artifact("known-debug2.txt"), "--by", "creation", "--format", "csv");
        Assert.Equal(0, exit);
        // Keys hold spaces and parentheses but no commas, so the line splits cleanly.
        var counts = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => long.Parse(f[1]));
        Assert.Equal(Expected.ByCreation.OrderBy(c => c.Key), counts.OrderBy(c => c.Key));
    }

    [Theory]
    [InlineData("known.pb.gz", "creation",
        "is a protobuf (debug=0) goroutine dump: it counts goroutines per stack and has no creation sites")]
    [InlineData("known-debug1.txt", "state",
        "is a count text (debug=1) goroutine dump: it counts goroutines per stack and has no goroutine states")]
    public void Grouping_a_count_form_by_what_it_lacks_is_one_line_and_exit_2(string file, string by, string says)
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("goroutines", "top", Artifact(file), "--by", by);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"gomemlab: {Artifact(file)}: {says}", stderr);
    }

    [Fact]
    public void A_typo_in_by_is_refused_before_any_dump_is_read()
    {
        var (exit, _, stderr) = GomemlabCli.Run("goroutines", "top", "no-such-dump.txt", "--by", "function");
        Assert.Equal(2, exit);
        Assert.Contains("function", stderr);
        Assert.DoesNotContain("no such file", stderr);
    }

    [Fact]
    public void Bad_input_names_the_file_and_line()
    {
        var bad = Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs", "goroutines-mixed-text.txt");
        var (exit, stdout, stderr) = GomemlabCli.Run("goroutines", "top", bad);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"gomemlab: {bad}:3: expected the file:line of 'main.recv'", stderr);
    }

    [Fact]
    public void Growth_prints_the_contract_header_and_the_verdicts()
    {
        var files = Enumerable.Range(1, 6).Select(n => Artifact($"phases-{n}.pb.gz")).ToArray();
        var (exit, stdout, _) = GomemlabCli.Run(["goroutines", "growth", .. files, "--format", "csv"]);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("key,first,last,delta,slope_per_min,verdict", lines[0]);
        var verdicts = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => (First: f[1], Last: f[2], Verdict: f[5]));
        Assert.Equal(("25", "150", "growing"), verdicts["main.leakWorker"]);
        Assert.Equal(("15", "15", "steady"), verdicts["main.steadyWorker"]);
        Assert.Equal(("150", "25", "shrinking"), verdicts["main.drainWorker"]);
    }

    [Fact]
    public void Growth_of_text_dumps_needs_every_and_then_uses_it()
    {
        var files = Enumerable.Range(1, 6).Select(n => Artifact($"phases-{n}-debug2.txt")).ToArray();
        var (exit, _, stderr) = GomemlabCli.Run(["goroutines", "growth", .. files]);
        Assert.Equal(2, exit);
        Assert.Contains("records no capture time", stderr);
        Assert.Contains("--every", stderr);
        (exit, var stdout, _) = GomemlabCli.Run(["goroutines", "growth", .. files, "--every", "1s", "--by", "state", "--format", "csv"]);
        Assert.Equal(0, exit);
        // Every worker waits in a channel receive, and as many leak as drain at every snapshot: the state holds at 190.
        Assert.Contains("\nchan receive,190,190,0,0,steady,", stdout);
    }

    [Fact]
    public void Growth_chart_page_is_written()
    {
        using var temp = new TempDirectory();
        var page = temp.File("growth.html");
        var files = Enumerable.Range(1, 6).Select(n => Artifact($"leaky-goroutine-{n}.pb.gz")).ToArray();
        var (exit, stdout, _) = GomemlabCli.Run(["goroutines", "growth", .. files, "--chart", page]);
        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^main\.archive\s+\d+\s+\d+\s+\d+\s+[0-9.]+\s+growing", stdout);
        Assert.Contains("Goroutines per start group across 6 snapshots", File.ReadAllText(page));
    }
}

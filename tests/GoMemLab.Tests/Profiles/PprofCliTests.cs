using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>`gomemlab pprof top|info` as a user runs them: a separate process on the committed artifacts.</summary>
public class PprofCliTests
{
    [Fact]
    public void Top_csv_has_the_contract_header_and_the_golden_rows()
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"),
            "--sample-index", "alloc_space", "--granularity", "lines", "--format", "csv");
        Assert.True(exit == 0, stderr);
        Assert.Equal("", stderr);
        Assert.Equal("name,flat,flat_pct,sum_pct,cum,cum_pct,inline", stdout.Split('\n')[0]);
        AssertCsvIsTheGolden(stdout, "leaky-heap-4.alloc_space.lines.txt");
    }

    [Theory]
    [InlineData("leaky-heap-3.inuse_space.functions.diff-heap-1.txt", "leaky-heap-3.pb.gz", "--diff-base", "leaky-heap-1.pb.gz",
        "--sample-index", "inuse_space")]
    [InlineData("leaky-heap-4.inuse_space.functions.focus.txt", "leaky-heap-4.pb.gz", "--focus", "handle", "--sample-index", "inuse_space")]
    [InlineData("leaky-heap-4.alloc_space.functions.nodecount.txt", "leaky-heap-4.pb.gz", "--nodecount", "10",
        "--sample-index", "alloc_space")]
    public void Top_with_diff_base_focus_or_nodecount_prints_every_row_of_pprof(string golden, string profile, params string[] options)
    {
        var arguments = new List<string> { "pprof", "top", RepoPaths.Artifact("heap", profile) };
        for (var i = 0; i < options.Length; i += 2)
            arguments.AddRange([options[i], options[i] == "--diff-base" ? RepoPaths.Artifact("heap", options[i + 1]) : options[i + 1]]);
        var (exit, stdout, stderr) = GomemlabCli.Run([.. arguments, "--format", "csv"]);
        Assert.True(exit == 0, stderr);
        AssertCsvIsTheGolden(stdout, golden);
    }

    // Every row of the CLI's CSV against the golden row of go tool pprof -top: name, flat, cum, the inline mark, and
    // flat%, sum%, cum% in pprof's rounding.
    private static void AssertCsvIsTheGolden(string csv, string golden)
    {
        var path = RepoPaths.Data("golden", "pprof", golden);
        var rows = PprofTopGolden.Parse(path);
        var percents = PprofTopGolden.Percents(path);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(rows.Count, lines.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // Names hold no comma in these profiles; the CSV writer would quote one.
            var f = lines[i].Split(',');
            var ours = (f[0], long.Parse(f[1]), long.Parse(f[4]), f[6] == "true",
                new PprofTopPercents(Pct(f[2]), Pct(f[3]), Pct(f[5])));
            Assert.Equal((rows[i].Name, rows[i].Flat, rows[i].Cum, rows[i].Inline, percents[i]), ours);
        }
    }

    private static string Pct(string field) =>
        PprofTopGolden.Percentage(double.Parse(field, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Focus_that_matches_nothing_is_warned_about()
    {
        var (exit, _, stderr) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--focus",
            "no_such_function_anywhere");
        Assert.Equal(0, exit);
        Assert.Contains("no frame matches --focus", stderr);
    }

    [Fact]
    public void Info_lists_types_and_the_default_sample_type()
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("pprof", "info", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"));
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"(?m)^sample_types\s+alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes$", stdout);
        Assert.Matches(@"(?m)^default_sample_type\s+inuse_space$", stdout);
        Assert.Matches(@"(?m)^period_type\s+space/bytes$", stdout);
        Assert.Matches(@"(?m)^samples\s+[1-9][0-9]*$", stdout);

        (exit, stdout, _) = GomemlabCli.Run("pprof", "info", RepoPaths.Artifact("heap", "leaky-heap-debug1.txt"), "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Contains("format,legacy heap text", stdout);
        Assert.Contains("memstats.NumGC,", stdout);
    }

    [Fact]
    public void Bad_input_and_bad_options_are_one_line_on_stderr_and_exit_2()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("empty.pb.gz"), []);
        var (exit, stdout, stderr) = GomemlabCli.Run("pprof", "top", dir.File("empty.pb.gz"));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"gomemlab: {dir.File("empty.pb.gz")}: empty file, expected a pprof profile (gzipped protobuf) or a legacy "
            + "heap text profile", stderr.Trim());

        (exit, _, stderr) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--sample-index", "cpu");
        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("must be one of: alloc_objects, alloc_space, inuse_objects, inuse_space", stderr);

        (exit, _, stderr) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--focus", "(unclosed");
        Assert.Equal(2, exit);
        Assert.Contains("parsing focus regexp", stderr);
    }

    [Fact]
    public void Progress_lines_go_to_stderr_when_asked()
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--progress",
            "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Contains("gomemlab: decoding", stderr);
        Assert.StartsWith("name,flat,", stdout);
    }
}

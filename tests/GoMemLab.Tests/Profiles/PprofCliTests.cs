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
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,flat,flat_pct,sum_pct,cum,cum_pct,inline", lines[0]);
        var golden = PprofTopGolden.Parse(RepoPaths.Data("golden", "pprof", "leaky-heap-4.alloc_space.lines.txt"));
        Assert.Equal(golden.Count, lines.Length - 1);
        var first = lines[1].Split(',');
        Assert.Equal(golden[0].Name, first[0]);
        Assert.Equal(golden[0].Flat.ToString(), first[1]);
        Assert.Equal(golden[0].Cum.ToString(), first[4]);
        Assert.Equal(golden[0].Inline ? "true" : "false", first[6]);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Top_with_diff_base_focus_and_nodecount()
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-3.pb.gz"),
            "--diff-base", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--sample-index", "inuse_space", "--format", "json");
        Assert.True(exit == 0, stderr);
        var golden = PprofTopGolden.Parse(RepoPaths.Data("golden", "pprof", "leaky-heap-3.inuse_space.functions.diff-heap-1.txt"));
        Assert.Contains($"\"name\": \"{golden[0].Name}\"", stdout);
        Assert.Contains($"\"flat\": {golden[0].Flat}", stdout);

        (exit, stdout, _) = GomemlabCli.Run("pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--nodecount", "3", "--focus",
            "handle", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Equal(4, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

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

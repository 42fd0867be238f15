using System.Globalization;
using GoMemLab.Inputs;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>MemStats from the real data/ artifacts, checked against jq and grep on the same files.</summary>
public class MemStatsLoadTests
{
    private static string Telemetry(string name) => RepoPaths.Artifact("telemetry", name);

    [Theory]
    [InlineData("leaky-memstats.jsonl")]
    [InlineData("churn-memstats.jsonl")]
    public void Json_lines_give_one_snapshot_per_line_with_jq_values(string name)
    {
        var path = Telemetry(name);
        var series = MemStatsSeries.Load(path);
        var jq = ExternalTools.Run("jq",
            ["-r", "[.HeapAlloc, .HeapInuse, .NumGC, .PauseTotalNs, .Sys, (.PauseNs | add), (.BySize | map(.Mallocs) | add)] | @tsv", path])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(jq.Length, series.Snapshots.Count);
        Assert.Equal(0, series.Skipped.Count);
        Assert.Equal(MemStatsTimeSource.Timestamps, series.TimeSource);
        for (int i = 0; i < jq.Length; i++)
        {
            var f = jq[i].Split('\t').Select(v => ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var s = series.Snapshots[i];
            Assert.Equal(f[0], s.HeapAlloc);
            Assert.Equal(f[1], s.HeapInuse);
            Assert.Equal(f[2], s.NumGC);
            Assert.Equal(f[3], s[MemStatsCounter.PauseTotalNs]);
            Assert.Equal(f[4], s.Sys);
            Assert.Equal(f[5], s.PauseNs.Aggregate(0UL, (a, b) => a + b));
            Assert.Equal(f[6], s.BySize.Aggregate(0UL, (a, b) => a + b.Mallocs));
        }
        // jq reads numbers as doubles, too coarse for unix_nano (~1.8e18): take those digits with grep.
        var nanos = ExternalTools.Run("grep", ["-o", "\"unix_nano\":[0-9]*", path]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => long.Parse(l["\"unix_nano\":".Length..], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(nanos.Select(n => DateTimeOffset.UnixEpoch.AddTicks(n / 100)), series.Snapshots.Select(s => s.Timestamp!.Value));
        var frame = series.ToDataFrame();
        Assert.Equal(jq.Length, frame.Rows.Count);
        Assert.Equal("time_s", frame.Columns[0].Name);
        Assert.Contains("heap_alloc", frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Expvar_bodies_in_order_form_one_series_with_expvar_numbers_as_extras()
    {
        var paths = new[] { "leaky-vars-1.json", "leaky-vars-2.json", "leaky-vars-3.json" }.Select(Telemetry).ToArray();
        var series = MemStatsSeries.Load(paths);
        Assert.Equal(3, series.Snapshots.Count);
        Assert.Equal(MemStatsTimeSource.Order, series.TimeSource);
        for (int i = 0; i < 3; i++)
        {
            var jq = ExternalTools.Run("jq", ["-r", "[.memstats.HeapAlloc, .memstats.NumGC, .handled] | @tsv",
                paths[i]]).Trim().Split('\t');
            Assert.Equal(ulong.Parse(jq[0], CultureInfo.InvariantCulture), series.Snapshots[i].HeapAlloc);
            Assert.Equal(ulong.Parse(jq[1], CultureInfo.InvariantCulture), series.Snapshots[i].NumGC);
            Assert.Equal(double.Parse(jq[2], CultureInfo.InvariantCulture), series.Snapshots[i].Extras["handled"]);
            Assert.Equal(i, series.Snapshots[i].Sequence);
        }
        Assert.Contains("extra_handled", series.ToDataFrame().Columns.Select(c => c.Name));
    }

    [Fact]
    public void Debug1_heap_profile_trailer_matches_its_name_value_lines()
    {
        var path = RepoPaths.Artifact("heap", "leaky-heap-debug1.txt");
        var snapshot = MemStatsSeries.Load(path).Snapshots.Single();
        var trailer = ExternalTools.Run("grep", ["-E", "^# [A-Za-z]+ = [0-9]+$", path]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l[2..].Split(" = ")).ToDictionary(p => p[0], p => ulong.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.True(trailer.Count >= 15, "expected the MemStats trailer lines in " + path);
        foreach (var (name, value) in trailer)
        {
            if (name == "MaxRSS") Assert.Equal(value, snapshot.MaxRss);
            else Assert.Equal(value, snapshot[Enum.Parse<MemStatsCounter>(name)]);
        }
        var stack = ExternalTools.Run("grep", ["^# Stack = ", path]).Trim()["# Stack = ".Length..].Split(" / ");
        Assert.Equal(ulong.Parse(stack[0], CultureInfo.InvariantCulture), snapshot.StackInuse);
        Assert.Equal(ulong.Parse(stack[1], CultureInfo.InvariantCulture), snapshot[MemStatsCounter.StackSys]);
        Assert.Equal(256, snapshot.PauseNs.Count);
        Assert.Null(snapshot[MemStatsCounter.PauseTotalNs]); // the trailer does not print it: null, not 0
    }

    [Fact]
    public void Trailer_parser_works_on_lines_alone_independent_of_profiles()
    {
        var lines = File.ReadAllLines(RepoPaths.Artifact("heap", "leaky-heap-debug1.txt"));
        var start = Array.IndexOf(lines, MemStatsTrailer.Header);
        Assert.True(start > 0);
        var fromTrailer = MemStatsTrailer.Parse(lines[start..]).Snapshot;
        var fromWhole = MemStatsTrailer.Parse(lines).Snapshot;
        Assert.Equal(fromWhole.HeapAlloc, fromTrailer.HeapAlloc);
        Assert.Equal(fromWhole.PauseEnd, fromTrailer.PauseEnd);
        Assert.Throws<InputFormatException>(() => MemStatsTrailer.Parse(lines[..start], "records-only.txt"));
    }

    [Fact]
    public void Trailer_field_names_must_be_exact_not_numbers_or_comma_lists()
    {
        // Enum parsing would read "HeapInuse,LastGC" as both flags ORed together and "7" as the eighth counter.
        var snapshot = MemStatsTrailer.Parse(
            ["# runtime.MemStats", "# HeapAlloc = 100", "# HeapInuse,LastGC = 5", "# 7 = 9", "# NumGC = 3"]).Snapshot;
        Assert.Equal(100UL, snapshot.HeapAlloc);
        Assert.Null(snapshot.HeapInuse);
        Assert.Null(snapshot[GoMemLab.Telemetry.MemStatsCounter.LastGC]);
        Assert.Equal(3UL, snapshot[GoMemLab.Telemetry.MemStatsCounter.NumGC]);
    }

    [Fact]
    public void Bad_lines_in_json_lines_are_skipped_counted_and_reported_once()
    {
        var real = File.ReadAllLines(Telemetry("leaky-memstats.jsonl"));
        var lines = new List<string>(real[..4]);
        lines.Insert(1, real[4][..(real[4].Length / 2)]);          // line 2: truncated JSON
        lines.Insert(3, "{\"level\":\"info\",\"msg\":\"hello\"}");  // line 4: JSON, not MemStats
        lines.Add("garbage");                                       // line 7
        var series = MemStatsSeries.Parse(string.Join('\n', lines), "mixed.jsonl");
        Assert.Equal(4, series.Snapshots.Count);
        Assert.Equal(3, series.Skipped.Count);
        Assert.Equal([2L, 4, 7], series.Skipped.FirstLineNumbers);
        Assert.StartsWith("3 lines skipped (", series.Skipped.Describe());
    }

    [Fact]
    public void Files_that_are_not_memstats_are_input_errors_naming_the_file()
    {
        var e = Assert.Throws<InputFormatException>(() => MemStatsSeries.Load(Telemetry("leaky-gctrace.log")));
        Assert.Contains("leaky-gctrace.log", e.Message);
        Assert.Throws<InputFormatException>(() => MemStatsSeries.Parse("{\"a\":1}\n{\"b\":2}\n", "other.jsonl"));
        Assert.Throws<InputFormatException>(() => MemStatsSeries.Parse("{\n\"memstats\": {\"HeapAlloc\": 1,\n", "cut.json"));
        Assert.Throws<InputFormatException>(() => MemStatsSeries.Load("/nonexistent/vars.json"));
    }
}

using System.Globalization;
using GoMemLab.Inputs;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// query_range answers over two instances (data/artifacts/telemetry/prometheus/query_range-*.json: api-0 leaks, api-1
/// keeps nothing), one answer per metric, as Prometheus's HTTP API writes them; values checked with jq on the files.
/// </summary>
public class PrometheusQueryRangeTests
{
    private static readonly string[] Answers =
        ["go_memstats_heap_inuse_bytes", "go_memstats_next_gc_bytes", "go_goroutines"];

    private static string Answer(string metric) => RepoPaths.Artifact("telemetry", "prometheus", $"query_range-{metric}.json");

    [Fact]
    public void Answers_of_several_metrics_combine_into_one_series_per_label_set()
    {
        var series = MemStatsSeries.Load(Answers.Select(Answer).ToArray());
        Assert.Equal(["instance=\"api-0:9090\",job=\"api\"", "instance=\"api-1:9090\",job=\"api\""], series.SeriesNames);
        Assert.Equal(MemStatsTimeSource.Timestamps, series.TimeSource);
        foreach (var (name, index) in series.SeriesNames.Select((n, i) => (n, i)))
        {
            var one = series.Snapshots.Where(s => s.Series == name).ToList();
            string Jq(string metric, string expression) => ExternalTools.Run("jq", ["-r", $".data.result[{index}].values[] | {expression}",
                Answer(metric)]);
            var times = Jq("go_memstats_heap_inuse_bytes", ".[0]").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => (long)Math.Round(double.Parse(t, CultureInfo.InvariantCulture) * 1000)).ToList();
            Assert.Equal(times, one.Select(s => s.Timestamp!.Value.ToUnixTimeMilliseconds()));
            Assert.Equal(Jq("go_memstats_heap_inuse_bytes", ".[1]"), string.Concat(one.Select(s => s.HeapInuse + "\n")));
            Assert.Equal(Jq("go_memstats_next_gc_bytes", ".[1]"), string.Concat(one.Select(s => s.NextGC + "\n")));
            Assert.Equal(Jq("go_goroutines", ".[1]"), string.Concat(one.Select(s => s.Goroutines + "\n")));
        }
        // time_s counts from the earliest sample of all series, so the instances share one axis.
        Assert.Equal(0, series.Times.Min());
        var frame = series.ToDataFrame();
        Assert.Equal("series", frame.Columns[frame.Columns.IndexOf("gc_cpu_fraction") + 1].Name);
    }

    [Fact]
    public void Verdicts_are_one_row_per_series_with_the_heap_slope_per_minute()
    {
        var verdicts = MemStatsSeries.Load(Answers.Select(Answer).ToArray()).Verdicts().Rows;
        Assert.Equal(2, verdicts.Count);
        Assert.Equal(["instance=\"api-0:9090\",job=\"api\"", "instance=\"api-1:9090\",job=\"api\""], verdicts.Select(v => v.Series));
        Assert.Equal(LeakVerdict.Growing, verdicts[0].Verdict);
        Assert.Equal(LeakVerdict.Steady, verdicts[1].Verdict);
        // api-0 keeps 1 MiB per scrape, and its scrapes are at least 250 ms apart (the sleep plus the work): at most
        // 240 MiB/min, and far above the 1 MB floor.
        Assert.InRange(verdicts[0].SlopeMbPerMinute, 100, 250);
        Assert.True(verdicts[0].RSquared > 0.9);
        var (exit, stdout, _) = GomemlabCli.Run(["memstats", .. Answers.Select(Answer), "--verdict", "--format", "csv"]);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("series,verdict,slope_mb_per_min,r2", lines[0]);
        Assert.StartsWith("\"instance=\"\"api-0:9090\"\",job=\"\"api\"\"\",growing,", lines[1]);
        Assert.StartsWith("\"instance=\"\"api-1:9090\"\",job=\"\"api\"\"\",steady,", lines[2]);
    }

    [Fact]
    public void An_error_answer_shows_prometheus_own_message()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad-query.json");
        File.WriteAllText(path, """{"status":"error","errorType":"bad_data","""
            + """ "error":"invalid parameter \"query\": 1:28: parse error: unexpected <by>"}""");
        var e = Assert.Throws<InputFormatException>(() => MemStatsSeries.Load(path));
        Assert.Equal($"{path}:1: Prometheus answered an error (bad_data): invalid parameter \"query\": 1:28: parse error: unexpected <by>",
            e.Message);
    }

    [Fact]
    public void An_expression_without_a_metric_name_is_refused_with_what_to_query_instead()
    {
        using var dir = new TempDirectory();
        var path = dir.File("rate.json");
        File.WriteAllText(path, """{"status":"success","data":{"resultType":"matrix","""
            + """ "result":[{"metric":{"job":"api"},"values":[[1700000000,"1"]]}]}}""");
        var e = Assert.Throws<InputFormatException>(() => MemStatsSeries.Load(path));
        Assert.Contains("result 1 has no __name__ label: query a metric by name", e.Message);
        File.WriteAllText(path, """{"status":"success","data":{"resultType":"scalar","result":[1700000000,"1"]}}""");
        Assert.Contains("resultType scalar: expected matrix", Assert.Throws<InputFormatException>(() => MemStatsSeries.Load(path)).Message);
    }
}

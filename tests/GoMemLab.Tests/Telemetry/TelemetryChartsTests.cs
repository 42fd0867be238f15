using GoMemLab.Charts;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

public class TelemetryChartsTests
{
    [Fact]
    public void Gctrace_and_memstats_charts_render_offline_with_their_series()
    {
        var trace = GcTrace.Load(RepoPaths.Artifact("telemetry", "leaky-gctrace.log"));
        var series = MemStatsSeries.Load(RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl"));
        var html = ChartHtml.Page("telemetry", TelemetryCharts.HeapOverTime(trace), TelemetryCharts.PausesAndGcCpu(trace),
            TelemetryCharts.MemStatsOverTime(series));
        foreach (var name in new[] { "live heap after GC", "heap goal", "stop-the-world pause (ms)", "GC CPU % (cumulative)",
                     "HeapAlloc", "HeapInuse", "HeapIdle", "HeapReleased", "Sys", "StackInuse", "GCs per second (from NumGC)",
                         "goroutines" })
            Assert.Contains($"\"name\":\"{name}\"", html);
        var withoutBundle = OfflineHtmlPage.StripInlinedPlotly(html);
        Assert.DoesNotContain("https://", withoutBundle);
        Assert.DoesNotContain("http://", withoutBundle);
        // Both panels of the MemStats chart share one x axis: the second row's traces use x, not x2.
        var figure = Plotly.NET.GenericChart.toFigureJson(TelemetryCharts.MemStatsOverTime(series));
        Assert.DoesNotContain("\"xaxis\":\"x2\"", figure);
        Assert.Contains("\"yaxis\":\"y2\"", figure);
        Assert.Contains("\"yaxis\":\"y3\"", figure);
        Assert.DoesNotContain("\"name\":\"NumGC\"", figure);
        // Titled by file name: the checkout's folders stay out of charts that notebooks and reports publish.
        Assert.Contains("runtime.MemStats — leaky-memstats.jsonl", figure);
        Assert.DoesNotContain(RepoPaths.Root, figure);
    }

    [Fact]
    public void Gc_rate_is_numgcs_difference_over_the_snapshots_time_and_pauses_use_a_log_axis()
    {
        var series = MemStatsSeries.Load(RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl"));
        var figure = Plotly.NET.GenericChart.toFigureJson(TelemetryCharts.MemStatsOverTime(series));
        // Reference: the second snapshot's NumGC minus the first's over their unix_nano difference, from the JSON itself.
        var lines = File.ReadLines(RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl")).Take(2)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var expected = (lines[1].GetProperty("NumGC").GetDouble() - lines[0].GetProperty("NumGC").GetDouble())
            / ((lines[1].GetProperty("unix_nano").GetInt64() - lines[0].GetProperty("unix_nano").GetInt64()) / 1e9);
        var rate = System.Text.Json.JsonDocument.Parse(figure).RootElement.GetProperty("data").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "GCs per second (from NumGC)").GetProperty("y");
        Assert.Equal(expected, rate[0].GetDouble(), 3);

        var pauses = Plotly.NET.GenericChart.toFigureJson(TelemetryCharts.PausesAndGcCpu(GcTrace.Load(RepoPaths.Artifact("telemetry",
            "churn-gctrace.log"))));
        Assert.Contains("\"type\":\"log\"", pauses);
    }
}

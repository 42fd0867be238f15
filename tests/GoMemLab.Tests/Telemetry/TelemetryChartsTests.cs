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
                     "HeapAlloc", "HeapInuse", "HeapIdle", "HeapReleased", "Sys", "StackInuse", "NumGC", "goroutines" })
            Assert.Contains($"\"name\":\"{name}\"", html);
        var withoutBundle = OfflineHtmlPage.StripInlinedPlotly(html);
        Assert.DoesNotContain("https://", withoutBundle);
        Assert.DoesNotContain("http://", withoutBundle);
        // Both panels of the MemStats chart share one x axis: the second row's traces use x, not x2.
        var figure = Plotly.NET.GenericChart.toFigureJson(TelemetryCharts.MemStatsOverTime(series));
        Assert.DoesNotContain("\"xaxis\":\"x2\"", figure);
        Assert.Contains("\"yaxis\":\"y2\"", figure);
    }
}

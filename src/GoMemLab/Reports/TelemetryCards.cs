using GoMemLab.Charts;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Reports;

/// <summary>
/// The summary cards the telemetry magics display and the incident report reuses: the headline figures, the
/// leak verdict with its evidence, one table and one chart. Pure functions of the loaded data.
/// </summary>
public static class TelemetryCards
{
    /// <summary>Card for a gctrace log: summary facts, live-heap verdict, the 10 longest pauses, the heap chart.</summary>
    public static SummaryCard ForGcTrace(GcTrace trace, string title)
    {
        var summary = trace.Summary();
        var leak = summary.LiveHeap;
        var card = new SummaryCard(title)
        {
            Verdict = $"{leak.Verdict.ToText()}: {leak.Evidence}",
            VerdictKind = leak.Verdict.ToText(),
        };
        foreach (var (metric, value) in summary.FigureRows()) card.AddFact(metric, value);
        if (trace.Skipped.Count > 0) card.AddFact("skipped", trace.Skipped.Describe());
        card.AddTable("Longest stop-the-world pauses", LongestPauses(trace.LongestPauses(10)));
        card.AddChart(TelemetryCharts.HeapOverTime(trace));
        return card;
    }

    /// <summary>Card for a MemStats series: summary facts, the overall verdict, the leak signals table, the MemStats chart.</summary>
    public static SummaryCard ForMemStats(MemStatsSeries series, string title)
    {
        var summary = series.Summary();
        var lead = summary.Lead;
        var card = new SummaryCard(title)
        {
            Verdict = summary.Verdict.ToText()
                + (lead is null ? "" : ": " + (lead.Series.Length > 0 ? lead.Series + " " : "") + lead.Evidence),
            VerdictKind = summary.Verdict.ToText(),
        };
        foreach (var (metric, value) in summary.FigureRows) card.AddFact(metric, value);
        if (series.Skipped.Count > 0) card.AddFact("skipped", series.Skipped.Describe());
        card.AddTable("Leak signals", LeakSignal.ToDataFrame(summary.Signals));
        card.AddChart(TelemetryCharts.MemStatsOverTime(series));
        return card;
    }

    // gc, at_s, stw_ms, the two stop-the-world phases, heap_live_mb.
    private static DataFrame LongestPauses(IReadOnlyList<GcTraceLine> top) => new(
        new Int32DataFrameColumn("gc", top.Select(l => l.Gc)),
        new DoubleDataFrameColumn("at_s", top.Select(l => l.AtSeconds)),
        new DoubleDataFrameColumn("stw_ms", top.Select(l => l.StopTheWorldMs)),
        new DoubleDataFrameColumn("clock_sweep_term_ms", top.Select(l => l.ClockSweepTerminationMs)),
        new DoubleDataFrameColumn("clock_mark_term_ms", top.Select(l => l.ClockMarkTerminationMs)),
        new Int64DataFrameColumn("heap_live_mb", top.Select(l => l.HeapLiveMb)));
}

using GoMemLab.Charts;
using GoMemLab.Reports;
using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// The summary cards the telemetry magics display (and reports can reuse): the headline figures, the
/// leak verdict with its evidence, one table and one chart. Pure functions of the loaded data.
/// </summary>
public static class TelemetryCards
{
    /// <summary>Card for a gctrace log: summary facts, live-heap verdict, the 10 longest pauses, the heap chart.</summary>
    public static SummaryCard ForGcTrace(GcTrace trace, string title)
    {
        var summary = GcTraceSummary.Of(trace);
        var leak = GcTraceSummary.LiveHeapTrend(trace);
        var card = new SummaryCard(title)
        {
            Verdict = $"{leak.Verdict.ToText()}: {leak.Evidence}",
            VerdictKind = leak.Verdict.ToText(),
        };
        foreach (var (metric, value) in summary.Rows()) card.AddFact(metric, value);
        if (trace.Skipped.Count > 0) card.AddFact("skipped", trace.Skipped.Describe());
        card.AddTable("Longest stop-the-world pauses", LongestPauses(trace, 10));
        card.AddChart(TelemetryCharts.HeapOverTime(trace));
        return card;
    }

    /// <summary>Card for a MemStats series: summary facts, the overall verdict, the leak signals table, the MemStats chart.</summary>
    public static SummaryCard ForMemStats(MemStatsSeries series, string title)
    {
        var signals = MemStatsAnalysis.LeakSignals(series);
        var overall = MemStatsAnalysis.Overall(signals);
        var lead = signals.FirstOrDefault(s => s.Verdict == overall) ?? signals.FirstOrDefault();
        var card = new SummaryCard(title)
        {
            Verdict = overall.ToText() + (lead is null ? "" : $": {lead.Evidence}"),
            VerdictKind = overall.ToText(),
        };
        foreach (var (metric, value) in MemStatsAnalysis.SummaryRows(series)) card.AddFact(metric, value);
        if (series.Skipped.Count > 0) card.AddFact("skipped", series.Skipped.Describe());
        card.AddTable("Leak signals", LeakSignal.ToDataFrame(signals));
        card.AddChart(TelemetryCharts.MemStatsOverTime(series));
        return card;
    }

    /// <summary>The <paramref name="count"/> GCs with the longest stop-the-world time: gc, at_s, stw_ms, the two phases, heap_live_mb.</summary>
    public static DataFrame LongestPauses(GcTrace trace, int count)
    {
        var top = trace.Lines.OrderByDescending(l => l.StopTheWorldMs).ThenBy(l => l.Gc).Take(count).ToList();
        return new DataFrame(
            new Int32DataFrameColumn("gc", top.Select(l => l.Gc)),
            new DoubleDataFrameColumn("at_s", top.Select(l => l.AtSeconds)),
            new DoubleDataFrameColumn("stw_ms", top.Select(l => l.StopTheWorldMs)),
            new DoubleDataFrameColumn("clock_sweep_term_ms", top.Select(l => l.ClockSweepTerminationMs)),
            new DoubleDataFrameColumn("clock_mark_term_ms", top.Select(l => l.ClockMarkTerminationMs)),
            new Int64DataFrameColumn("heap_live_mb", top.Select(l => l.HeapLiveMb)));
    }
}

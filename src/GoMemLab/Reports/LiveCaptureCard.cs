using System.Globalization;
using GoMemLab.Live;
using GoMemLab.Telemetry;

namespace GoMemLab.Reports;

/// <summary>
/// The summary card of a <see cref="LiveCaptureResult"/>: the gctrace card (verdict, heap chart) plus the capture's facts and heap
/// series; a run too short for a trend says so instead of a rate, and an empty heap series says why.
/// </summary>
public static class LiveCaptureCard
{
    /// <summary>The card; <paramref name="title"/> heads it.</summary>
    public static SummaryCard For(LiveCaptureResult result, string title)
    {
        var card = result.GcTrace is { } trace ? TelemetryCards.ForGcTrace(trace, title) : new SummaryCard(title)
        {
            Verdict = "no gctrace: the program printed no gc line",
        };
        if (result.TooShortToCall is { } tooShort)
        {
            card.Verdict = tooShort;
            card.VerdictKind = LeakVerdict.InsufficientData.ToText();
        }
        card.AddFact("program", Path.GetFileName(result.Program));
        if (result.Environment.Count > 0)
            card.AddFact("environment", string.Join(" ", result.Environment.Select(e => $"{e.Key}={e.Value}")));
        card.AddFact("ran_s", Math.Round(result.Elapsed.TotalSeconds, 1));
        card.AddFact("ended",
            result.Stopped ? "stopped by the capture" : $"exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        card.AddFact("pprof_url", result.PprofUrl ?? "none (no 'listening on http://…' line and no pprof URL given)");
        card.AddFact("heap_profiles", result.HeapProfiles.Count);
        if (result.NoHeapProfilesReason is { } none) card.AddFact("why_no_heap_profiles", none);
        if (result.HeapDumpFile is { } dump)
            card.AddFact("heap_dump", string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(dump)} (fetched at {result.HeapDumpAt?.TotalSeconds:0.0} s)"));
        foreach (var problem in result.Problems) card.AddFact("problem", problem);
        if (result.HeapProfiles.Count > 0) card.AddTable("Heap profiles taken (pprof totals, bytes)", result.HeapSeries());
        return card;
    }
}

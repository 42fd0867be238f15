using GoMemLab.Charts;
using GoMemLab.Reports;

namespace GoMemLab.Escape;

/// <summary>The summary card the escape magics display (and reports can reuse): pure functions of a loaded log.</summary>
public static class EscapeCards
{
    /// <summary>
    /// Card for an escape log: counts per kind, the number of heap escapes and their most common
    /// cause as the verdict, heap escapes by package × cause (top 10) and the by-cause chart.
    /// </summary>
    public static SummaryCard ForLog(EscapeLog log, string title)
    {
        var counts = log.CountByKind();
        var heap = counts[EscapeKind.MovedToHeap] + counts[EscapeKind.EscapesToHeap];
        var causes = log.Diagnostics.Where(d => d.Kind.IsHeapDecision())
            .GroupBy(d => EscapeCause.Classify(log, d)).OrderByDescending(g => g.Count()).ToList();
        var card = new SummaryCard(title)
        {
            Verdict = heap == 0 ? "no heap escapes"
                : $"{heap} heap escapes; most common cause: {causes[0].Key.Name()} ({causes[0].Count()})"
                  + (log.FlowStepCount == 0 ? " — build with -gcflags=-m=2 to see why" : ""),
        };
        card.AddFact("diagnostics", log.Diagnostics.Count);
        card.AddFact("packages", log.Diagnostics.Select(d => d.Package).Distinct().Count());
        foreach (var (kind, count) in counts.Where(kv => kv.Value > 0)) card.AddFact(kind.Name(), count);
        card.AddFact("flow steps", log.FlowStepCount);
        if (log.UnpositionedLines > 0) card.AddFact("lines without a position (kept as other)", log.UnpositionedLines);
        if (heap > 0)
        {
            card.AddTable("Heap escapes by package and cause", EscapeCause.Summary(log));
            card.AddChart(EscapeCharts.EscapesByCause(log));
        }
        return card;
    }
}

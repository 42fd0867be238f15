using GoMemLab.Charts;
using GoMemLab.Escape;

namespace GoMemLab.Reports;

/// <summary>The summary card the escape magics display (and reports can reuse): pure functions of a loaded log.</summary>
public static class EscapeCards
{
    /// <summary>
    /// Card for an escape log: counts per kind, the number of heap escapes and their most common cause as the
    /// verdict, heap escapes by package × cause (top 10) and the by-cause chart; with <paramref name="findings"/>,
    /// also the result of the <c>// ERROR</c> check and its unmet and unexpected rows.
    /// </summary>
    public static SummaryCard ForLog(EscapeLog log, string title, EscapeFindings? findings = null)
    {
        var counts = log.CountByKind();
        var causes = log.Causes();
        var heap = causes.Rows.Count;
        // Ties go to the cause met first in the log.
        var mostCommon = causes.Rows.GroupBy(r => r.Cause).OrderByDescending(g => g.Count()).Select(g => (g.Key,
            Value: g.Count())).FirstOrDefault();
        var card = new SummaryCard(title)
        {
            Verdict = heap == 0 ? "no heap escapes"
                : $"{heap} heap escapes; most common cause: {mostCommon.Key.ToText()} ({mostCommon.Value})"
                  + (log.FlowStepCount == 0 ? " — build with -gcflags=-m=2 to see why" : ""),
        };
        card.AddFact("diagnostics", log.Diagnostics.Count);
        card.AddFact("packages", log.Diagnostics.Select(d => d.Package).Distinct().Count());
        foreach (var (kind, count) in counts.Where(kv => kv.Value > 0)) card.AddFact(kind.ToText(), count);
        card.AddFact("flow steps", log.FlowStepCount);
        if (log.UnpositionedLines > 0) card.AddFact("lines without a position (kept as other)", log.UnpositionedLines);
        if (findings is not null)
        {
            card.AddFact("// ERROR expectations", findings.AllMet ? "all met" : findings.Describe());
            if (!findings.AllMet) card.AddTable("Unmet and unexpected diagnostics", findings.ToDataFrame(), maxRows: 50);
        }
        if (heap > 0)
        {
            card.AddTable("Heap escapes by package and cause", causes.Summary());
            card.AddChart(EscapeCharts.EscapesByCause(log));
        }
        return card;
    }
}

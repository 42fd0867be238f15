using GoMemLab.Charts;
using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Telemetry;

namespace GoMemLab.Reports;

/// <summary>The cards <c>#!goroutines</c> shows: one dump, or several snapshots of one program. Pure functions of the analyses.</summary>
public static class GoroutineCards
{
    /// <summary>Form, totals, the largest start-function groups (and the states, when the dump has them) and a bar chart.</summary>
    public static SummaryCard ForDump(GoroutineDump dump, string? title = null)
    {
        var byStart = dump.ByStart();
        var largest = byStart.Rows.FirstOrDefault();
        var card = new SummaryCard(title ?? $"goroutines — {Path.GetFileName(dump.Source)}")
        {
            Verdict = largest is null ? "no goroutines"
                : $"largest group: {largest.Key}, {largest.Count:N0} of {dump.Total:N0} goroutines ({largest.Share:P0})"
                  + (largest.Breakdown.Length > 0 ? $" — {largest.Breakdown}" : ""),
        };
        AddFacts(card, dump);
        card.AddTable("Goroutines per start function", byStart.ToDataFrame());
        if (dump.HasGoroutineDetail)
        {
            card.AddTable("Goroutines per state", dump.ByState().ToDataFrame());
            card.AddTable("Goroutines per creation site", dump.ByCreation().ToDataFrame());
        }
        card.AddChart(GoroutineCharts.StartBars(dump));
        return card;
    }

    /// <summary>
    /// Several snapshots: the verdict of the fastest-growing group, the growth table, the states of the last snapshot
    /// (when it has them) and the stacked chart of the groups over time.
    /// </summary>
    public static SummaryCard ForSnapshots(GoroutineGrowth growth, IReadOnlyList<GoroutineDump> dumps, string? title = null)
    {
        var lead = growth.Rows.FirstOrDefault();
        var card = new SummaryCard(title ?? $"goroutines — {dumps.Count} snapshots")
        {
            Verdict = lead is null ? "no goroutines" : $"{lead.Verdict.ToText()}: {lead.Signal.Evidence}",
            VerdictKind = lead?.Verdict.ToText(),
        };
        var last = dumps.OrderBy(d => growth.Sources.ToList().IndexOf(d.Source)).Last();
        card.AddFact("snapshots", dumps.Count);
        card.AddFact("span", $"{growth.Minutes[^1]:0.##} min");
        card.AddFact("goroutines (first → last)", $"{growth.Rows.Sum(r => r.First):N0} → {growth.Rows.Sum(r => r.Last):N0}");
        card.AddFact("growing groups", growth.Rows.Count(r => r.Verdict == LeakVerdict.Growing));
        card.AddTable($"Growth per {growth.By.ToText()} group", growth.ToDataFrame());
        if (last.HasGoroutineDetail) card.AddTable($"States in {Path.GetFileName(last.Source)}", last.ByState().ToDataFrame());
        card.AddChart(GoroutineCharts.GrowthStacked(growth));
        return card;
    }

    private static void AddFacts(SummaryCard card, GoroutineDump dump)
    {
        card.AddFact("form", dump.Form.ToText());
        card.AddFact("profile", dump.Kind.ToText());
        card.AddFact("goroutines", dump.Total);
        card.AddFact("distinct stacks", dump.Stacks.Count);
        if (dump.CapturedAt is { } at) card.AddFact("captured", at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'"));
        if (dump.Preamble.Length > 0) card.AddFact("traceback", dump.Reason);
        if (dump.Goroutines is { } table)
        {
            var blockedForever = 0L;
            var leaked = 0L;
            for (var i = 0; i < table.Count; i++)
            {
                if (table.State(i).IsBlockedForever()) blockedForever++;
                if (table.Leaked(i)) leaked++;
            }
            if (blockedForever > 0) card.AddFact("blocked forever (nil channel, empty select)", blockedForever);
            if (leaked > 0) card.AddFact("marked (leaked)", leaked);
        }
        if (dump.Skipped.Count > 0) card.AddFact("skipped", dump.Skipped.Describe());
        foreach (var warning in dump.Warnings) card.AddFact("warning", warning);
    }
}

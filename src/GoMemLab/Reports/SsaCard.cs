using GoMemLab.Ssa;

namespace GoMemLab.Reports;

/// <summary>The summary card of an <see cref="SsaDump"/>: the function, its size through the phases, what went to the heap, and the pass
/// table.</summary>
public static class SsaCard
{
    /// <summary>Facts (function, files, phases, values first → last, heap variables, runtime calls) and, unless told not to, the pass
    /// table.</summary>
    public static SummaryCard For(SsaDump dump, string title, bool includePasses = true)
    {
        var passes = dump.Passes();
        var card = new SummaryCard(title);
        card.AddFact("function", dump.Function);
        card.AddFact("source_files", string.Join(", ", dump.SourceFiles));
        card.AddFact("phases",
            $"{passes.Rows.Count} in {dump.Columns.Count} columns ({passes.Rows.Count(p => p.Changed)} changed the function)");
        if (passes.Rows.Count > 0)
            card.AddFact("values",
                $"{passes.Rows[0].Values} after {passes.Rows[0].Pass} → {passes.Rows[^1].Values} after {passes.Rows[^1].Pass}");
        var heap = dump.HeapNames();
        card.AddFact("escape analysis: on the heap (esc(h))", heap.Count == 0 ? "none" : string.Join(", ",
            heap.Select(h => $"{h.Name} ({h.Position})")));
        var allocating = dump.Program.Where(p => p.Text.StartsWith("CALL ", StringComparison.Ordinal) && p.Text.Contains("runtime.",
            StringComparison.Ordinal))
            .Select(p => p.Text["CALL ".Length..].Replace("(SB)", "", StringComparison.Ordinal)).Distinct().ToList();
        card.AddFact("runtime calls in the assembly", allocating.Count == 0 ? "none" : string.Join(", ", allocating));
        if (includePasses) card.AddTable("Phases (one row per pass; values after it)", passes.ToDataFrame(), maxRows: passes.Rows.Count);
        return card;
    }
}

using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>One heap decision and the cause its explanation shows.</summary>
public sealed record EscapeCauseRow(EscapeDiagnostic Decision, EscapeCauseKind Cause);

/// <summary>
/// The result of <see cref="EscapeLog.Causes"/>: every heap decision (moved-to-heap, escapes-to-heap) of the log in log
/// order, classified once by <see cref="EscapeCause.Classify"/>; the table, counts per cause and the summary per
/// package or file read these rows.
/// </summary>
public sealed record EscapeCauseReport(IReadOnlyList<EscapeCauseRow> Rows) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["package"] = CommonColumns.Package,
        ["file"] = CommonColumns.File,
        ["line"] = CommonColumns.Line,
        ["column"] = CommonColumns.Column,
        ["function"] = "The function the decision is in (the nearest can-inline/cannot-inline announcement above it).",
        ["kind"] = CommonColumns.EscapeKind,
        ["subject"] = CommonColumns.Subject,
        ["cause"] = CommonColumns.Cause,
        ["flow_steps"] = CommonColumns.FlowSteps,
    };

    /// <summary>What each column of <see cref="Summary"/> means (the first is the group: package or file).</summary>
    public static IReadOnlyDictionary<string, string> SummaryColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["package"] = "The group: the Go package.",
        ["file"] = "The group: the source file, as the log names it.",
        ["returned_to_caller"] = "Heap escapes whose flow ends in a return: the value outlives the call through a result.",
        ["stored_in_global_or_heap"] = "Heap escapes assigned to a global or to memory reachable from the heap.",
        ["captured_by_closure"] = "Heap escapes captured by a closure.",
        ["converted_to_interface"] = "Heap escapes boxed into an interface (including fmt's `...any` arguments).",
        ["too_large_or_non_constant_size"] = "Heap escapes too large for the stack, or a make/new whose size is not constant.",
        ["passed_to_leaking_parameter"] = "Heap escapes passed to a function whose parameter leaks.",
        ["spill"] = "Heap escapes whose flow shows only spill steps.",
        ["unknown"] = "Heap escapes without an explanation (a plain `-m` log) or none of the above.",
        ["total"] = "All heap escapes of the group.",
    };

    /// <summary>One row per heap decision: package, file, line, column, function, kind, subject, cause, flow_steps.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("package", Rows.Select(r => r.Decision.Package)),
        new StringDataFrameColumn("file", Rows.Select(r => r.Decision.File)),
        new Int32DataFrameColumn("line", Rows.Select(r => r.Decision.Line)),
        new Int32DataFrameColumn("column", Rows.Select(r => r.Decision.Column)),
        new StringDataFrameColumn("function", Rows.Select(r => r.Decision.Function)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Decision.Kind.ToText())),
        new StringDataFrameColumn("subject", Rows.Select(r => r.Decision.Subject)),
        new StringDataFrameColumn("cause", Rows.Select(r => r.Cause.ToText())),
        new Int32DataFrameColumn("flow_steps", Rows.Select(r => r.Decision.FlowStepCount)));

    /// <summary>Heap decisions per cause, every cause present (zero included).</summary>
    public IReadOnlyDictionary<EscapeCauseKind, int> CountByCause()
    {
        var counts = Enum.GetValues<EscapeCauseKind>().ToDictionary(c => c, _ => 0);
        foreach (var row in Rows) counts[row.Cause]++;
        return counts;
    }

    /// <summary>
    /// Heap decisions counted by cause per package or file: one row per group with a column per cause (its
    /// <see cref="EscapeCauseKindText.ToText"/> with '_') and a total; groups by descending total, then name.
    /// </summary>
    public DataFrame Summary(EscapeGrouping groupBy = EscapeGrouping.Package)
    {
        var causes = Enum.GetValues<EscapeCauseKind>();
        var counts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            var key = groupBy == EscapeGrouping.Package ? row.Decision.Package : row.Decision.File;
            if (!counts.TryGetValue(key, out var cells)) counts[key] = cells = new long[causes.Length];
            cells[(int)row.Cause]++;
        }
        var ordered = counts.OrderByDescending(kv => kv.Value.Sum()).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var frame = new DataFrame(new StringDataFrameColumn(groupBy.ToText(), ordered.Select(kv => kv.Key)));
        foreach (var cause in causes)
            frame.Columns.Add(new Int64DataFrameColumn(cause.ToText().Replace('-', '_'), ordered.Select(kv => kv.Value[(int)cause])));
        frame.Columns.Add(new Int64DataFrameColumn("total", ordered.Select(kv => kv.Value.Sum())));
        return frame;
    }
}

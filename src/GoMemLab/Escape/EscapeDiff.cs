using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>What happened to one heap escape between two logs (<see cref="EscapeDiff"/>).</summary>
public enum EscapeChange
{
    /// <summary>Only in the after log.</summary>
    New,
    /// <summary>Only in the before log.</summary>
    Removed,
    /// <summary>In both.</summary>
    Unchanged,
}

/// <summary>Spelling of <see cref="EscapeChange"/> in tables (the <c>status</c> column).</summary>
public static class EscapeChangeText
{
    /// <summary><c>new</c>, <c>removed</c> or <c>unchanged</c>.</summary>
    public static string ToText(this EscapeChange change) => change switch
    {
        EscapeChange.New => "new",
        EscapeChange.Removed => "removed",
        EscapeChange.Unchanged => "unchanged",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };
}

/// <summary>
/// Heap escapes (moved-to-heap, escapes-to-heap) of two logs of the same code, before and after a
/// change, matched by file + function + subject so that lines shifted by an edit do not count as
/// changes. Where one key occurs several times, the first min(before, after) occurrences are
/// unchanged and the surplus is new or removed. Files are compared as the compiler printed them:
/// build both logs the same way (from the module root, paths relative) for keys to line up.
/// </summary>
public static class EscapeDiff
{
    /// <summary>One heap escape and what happened to it; lines are 0 on the side where it is absent.</summary>
    public sealed record Row(EscapeChange Status, string File, string Function, string Subject, EscapeKind Kind,
        int BeforeLine, int AfterLine, string Message);

    /// <summary>The rows (new first, then removed, then unchanged; each in the order of its log) and their counts.</summary>
    public sealed record Result(IReadOnlyList<Row> Rows) : ITableResult
    {
        /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
        public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
        {
            ["status"] = "new (only in the after log), removed (only in the before log) or unchanged.",
            ["file"] = CommonColumns.File,
            ["function"] = "The function the escape is in; with file and subject, the key escapes are matched by.",
            ["subject"] = CommonColumns.Subject,
            ["kind"] = "moved-to-heap or escapes-to-heap.",
            ["before_line"] = "Its line in the before log (0 when new).",
            ["after_line"] = "Its line in the after log (0 when removed).",
            ["message"] = CommonColumns.Message,
        };

        public int New => Rows.Count(r => r.Status == EscapeChange.New);
        public int Removed => Rows.Count(r => r.Status == EscapeChange.Removed);
        public int Unchanged => Rows.Count(r => r.Status == EscapeChange.Unchanged);

        /// <summary>Columns: status, file, function, subject, kind, before_line, after_line, message.</summary>
        public DataFrame ToDataFrame() => new(
            new StringDataFrameColumn("status", Rows.Select(r => r.Status.ToText())),
            new StringDataFrameColumn("file", Rows.Select(r => r.File)),
            new StringDataFrameColumn("function", Rows.Select(r => r.Function)),
            new StringDataFrameColumn("subject", Rows.Select(r => r.Subject)),
            new StringDataFrameColumn("kind", Rows.Select(r => r.Kind.ToText())),
            new Int32DataFrameColumn("before_line", Rows.Select(r => r.BeforeLine)),
            new Int32DataFrameColumn("after_line", Rows.Select(r => r.AfterLine)),
            new StringDataFrameColumn("message", Rows.Select(r => r.Message)));
    }

    /// <summary>Compares the heap escapes of <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static Result Compare(EscapeLog before, EscapeLog after)
    {
        var beforeByKey = Group(before);
        var afterByKey = Group(after);
        var added = new List<Row>();
        var removed = new List<Row>();
        var unchanged = new List<Row>();
        foreach (var (key, olds) in beforeByKey)
        {
            var news = afterByKey.TryGetValue(key, out var found) ? found : [];
            var common = Math.Min(olds.Count, news.Count);
            for (var i = 0; i < common; i++) unchanged.Add(MakeRow(EscapeChange.Unchanged, news[i], olds[i].Line, news[i].Line));
            for (var i = common; i < olds.Count; i++) removed.Add(MakeRow(EscapeChange.Removed, olds[i], olds[i].Line, 0));
        }
        foreach (var (key, news) in afterByKey)
        {
            var olds = beforeByKey.TryGetValue(key, out var found) ? found.Count : 0;
            for (var i = olds; i < news.Count; i++) added.Add(MakeRow(EscapeChange.New, news[i], 0, news[i].Line));
        }
        return new Result([.. added, .. removed, .. unchanged]);
    }

    private static Row MakeRow(EscapeChange status, EscapeDiagnostic d, int beforeLine, int afterLine) =>
        new(status, d.File, d.Function, d.Subject, d.Kind, beforeLine, afterLine, d.Message);

    // Insertion-ordered groups so that results follow the logs' order.
    private static Dictionary<(string File, string Function, string Subject), List<EscapeDiagnostic>> Group(EscapeLog log)
    {
        var groups = new Dictionary<(string, string, string), List<EscapeDiagnostic>>();
        foreach (var d in log.Diagnostics)
        {
            if (!d.Kind.IsHeapDecision()) continue;
            var key = (d.File, d.Function, d.Subject);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(d);
        }
        return groups;
    }
}

using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>What a <see cref="EscapeExpectations.Finding"/> is about.</summary>
public enum EscapeFindingStatus
{
    /// <summary>An annotation's regex matched no diagnostic on its line.</summary>
    Unmet,
    /// <summary>A diagnostic no regex of its line matched.</summary>
    Unexpected,
}

/// <summary>Spelling of <see cref="EscapeFindingStatus"/> in tables (the <c>status</c> column).</summary>
public static class EscapeFindingStatusText
{
    /// <summary><c>unmet</c> or <c>unexpected</c>.</summary>
    public static string ToText(this EscapeFindingStatus status) => status switch
    {
        EscapeFindingStatus.Unmet => "unmet",
        EscapeFindingStatus.Unexpected => "unexpected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// The result of <see cref="EscapeExpectations.Check"/>: the findings by file, line and status, and their counts.
/// No findings means every annotation was met and every diagnostic expected.
/// </summary>
public sealed record EscapeFindings(IReadOnlyList<EscapeExpectations.Finding> Rows) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["status"] = "unmet (an annotation's regex matched no diagnostic on its line) or unexpected (a diagnostic no regex of "
            + "its line matched).",
        ["file"] = "The annotated .go file.",
        ["line"] = CommonColumns.Line,
        ["column"] = CommonColumns.Column,
        ["expected"] = "unmet rows: the regex of the `// ERROR` annotation.",
        ["message"] = "unexpected rows: the diagnostic's message.",
    };

    /// <summary>Annotations whose regex matched no diagnostic.</summary>
    public int Unmet => Rows.Count(f => f.Status == EscapeFindingStatus.Unmet);

    /// <summary>Diagnostics no annotation of their line expected.</summary>
    public int Unexpected => Rows.Count(f => f.Status == EscapeFindingStatus.Unexpected);

    /// <summary>True when there is no finding.</summary>
    public bool AllMet => Rows.Count == 0;

    /// <summary>The counts in one phrase, e.g. <c>2 unmet, 1 unexpected</c>.</summary>
    public string Describe() => $"{Unmet} unmet, {Unexpected} unexpected";

    /// <summary>Columns: status, file, line, column, expected, message.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("status", Rows.Select(f => f.Status.ToText())),
        new StringDataFrameColumn("file", Rows.Select(f => f.SourceFile)),
        new Int32DataFrameColumn("line", Rows.Select(f => f.Line)),
        new Int32DataFrameColumn("column", Rows.Select(f => f.Column)),
        new StringDataFrameColumn("expected", Rows.Select(f => f.Pattern)),
        new StringDataFrameColumn("message", Rows.Select(f => f.Message)));
}

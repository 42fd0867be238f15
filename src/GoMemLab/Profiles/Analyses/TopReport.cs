using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>One row of a <see cref="Top"/> report. Values are raw integers in the sample type's unit; percentages are exact (not
/// rounded).</summary>
public sealed record TopRow(string Name, long Flat, double FlatPercent, double SumPercent, long Cum, double CumPercent,
    bool Inline, bool PartialInline, NodeIdentity Identity);

/// <summary>
/// The result of <see cref="Top.Compute"/>: rows in pprof's order, the total the percentages are of, what the
/// values measure, how many samples passed the filters, how many nodes -nodefraction dropped, and whether each
/// given focus/ignore/hide regex matched anything (pprof warns when one does not).
/// </summary>
public sealed record TopReport(IReadOnlyList<TopRow> Rows, long Total, ProfileValueType SampleType, Granularity Granularity,
    int SelectedSamples, int DroppedNodes, bool FocusMatched, bool IgnoreMatched, bool HideMatched) : ITableResult
{
    /// <summary>The CLI's CSV contract, in this order.</summary>
    public static readonly IReadOnlyList<string> ContractColumns = ["name", "flat", "flat_pct", "sum_pct", "cum", "cum_pct", "inline"];

    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["name"] = "The node: function, file:line, file or address, by the report's granularity.",
        ["flat"] = "Value of the samples whose innermost frame is this node, in the sample type's unit.",
        ["flat_pct"] = "flat as a percentage of the total.",
        ["sum_pct"] = "Running total of flat_pct down the table.",
        ["cum"] = "Value of the samples with this node anywhere on the stack.",
        ["cum_pct"] = "cum as a percentage of the total.",
        ["inline"] = "True when every remaining incoming call edge is an inlined call (pprof's `(inline)`).",
        ["partial_inline"] = "True when some but not all incoming call edges are inlined calls (pprof's `(partial-inline)`).",
        ["function"] = "The node's function (empty at file granularity), for joins.",
        ["file"] = "The node's file (empty at function granularity), for joins.",
        ["line"] = "The node's line (0 unless the granularity is lines or addresses), for joins.",
    };

    /// <summary>
    /// Columns name, flat, flat_pct, sum_pct, cum, cum_pct, inline, then partial_inline and, for joins,
    /// function, file, line (empty/0 where the granularity drops them).
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("name", Rows.Select(r => r.Name)),
            new Int64DataFrameColumn("flat", Rows.Select(r => r.Flat)),
            new DoubleDataFrameColumn("flat_pct", Rows.Select(r => r.FlatPercent)),
            new DoubleDataFrameColumn("sum_pct", Rows.Select(r => r.SumPercent)),
            new Int64DataFrameColumn("cum", Rows.Select(r => r.Cum)),
            new DoubleDataFrameColumn("cum_pct", Rows.Select(r => r.CumPercent)),
            new BooleanDataFrameColumn("inline", Rows.Select(r => r.Inline)),
            new BooleanDataFrameColumn("partial_inline", Rows.Select(r => r.PartialInline)),
            new StringDataFrameColumn("function", Rows.Select(r => r.Identity.Name)),
            new StringDataFrameColumn("file", Rows.Select(r => r.Identity.File)),
            new Int64DataFrameColumn("line", Rows.Select(r => r.Identity.Line)));
        return frame;
    }

    /// <summary>Only the contract columns (name, flat, flat_pct, sum_pct, cum, cum_pct, inline).</summary>
    public DataFrame ToContractDataFrame()
    {
        var full = ToDataFrame();
        return new DataFrame(ContractColumns.Select(c => full.Columns[c]));
    }
}

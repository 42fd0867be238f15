using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Ssa;

/// <summary>One SSA phase of <see cref="SsaDump.Passes"/>, with the function's size after it.</summary>
/// <param name="Pass">The phase name as the compiler prints it (<c>opt</c>, <c>expand calls</c>, <c>lower</c>…).</param>
/// <param name="Column">The page column (1-based, sources and AST included) that shows the function after this phase.</param>
/// <param name="Changed">True when this phase changed the function (its printed form differs from before).</param>
/// <param name="Blocks">Basic blocks after the phase.</param>
/// <param name="Values">Values after the phase, dead ones included (the page prints them faded).</param>
/// <param name="DeadValues">Values after the phase that are dead but not yet removed.</param>
/// <param name="TimeNs">The phase's compile time from its header (<c>[N ns]</c>), null where the page shows none.</param>
/// <param name="Calls">Functions the live values call after the phase (e.g. <c>runtime.newobject</c>), comma-separated.</param>
public sealed record SsaPass(string Pass, int Column, bool Changed, int Blocks, int Values, int DeadValues, long? TimeNs, string Calls);

/// <summary>The rows of <see cref="SsaDump.Passes"/> in compile order.</summary>
public sealed record SsaPassTable(IReadOnlyList<SsaPass> Rows) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["pass"] = "The SSA phase, as the compiler names it (before insert phis, start, opt, expand calls, lower, regalloc…), in "
            + "compile order.",
        ["column"] = "The ssa.html column (1-based, sources and AST included) that shows the function after this phase; "
            + "phases that change nothing share the column of the next one that does.",
        ["changed"] = "True when the phase changed the function (the page drew a new column for it).",
        ["blocks"] = "Basic blocks after the phase.",
        ["values"] = "SSA values after the phase, dead ones not yet removed included.",
        ["dead_values"] = "Values after the phase that are dead but not yet removed (the page fades them).",
        ["time_ns"] = "The phase's compile time as the page's header prints it, ns (empty where it prints none).",
        ["calls"] = "Functions the live values call after the phase (runtime.newobject, …), \", \"-joined.",
    };

    /// <summary>The CLI's CSV contract (<c>gomemlab ssa --format csv</c>), in this order.</summary>
    public static readonly IReadOnlyList<string> ContractColumns =
        ["pass", "column", "changed", "blocks", "values", "dead_values", "time_ns", "calls"];

    /// <summary>Columns <see cref="ContractColumns"/>; time_ns is empty where the page shows no time.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("pass", Rows.Select(r => r.Pass)),
        new Int32DataFrameColumn("column", Rows.Select(r => r.Column)),
        new BooleanDataFrameColumn("changed", Rows.Select(r => r.Changed)),
        new Int32DataFrameColumn("blocks", Rows.Select(r => r.Blocks)),
        new Int32DataFrameColumn("values", Rows.Select(r => r.Values)),
        new Int32DataFrameColumn("dead_values", Rows.Select(r => r.DeadValues)),
        new Int64DataFrameColumn("time_ns", Rows.Select(r => r.TimeNs)),
        new StringDataFrameColumn("calls", Rows.Select(r => r.Calls)));
}

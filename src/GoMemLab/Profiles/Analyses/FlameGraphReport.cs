using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>One box of a <see cref="FlameGraph"/>: a distinct call path from the root, and its values.</summary>
/// <param name="Id"><see cref="FlameGraph.RootId"/> for the root, else <c>n</c> and a number.</param>
/// <param name="Parent">The parent's id; empty for the root.</param>
/// <param name="Name">The function, or <c>[binary]</c>/<c>&lt;unknown&gt;</c> when unsymbolized; "total" for the root.</param>
/// <param name="Depth">0 for the root.</param>
/// <param name="Value">The width: current + base (for a profile that is no diff, its value).</param>
/// <param name="Self">Of <see cref="Value"/>, what samples ending at this node carry.</param>
/// <param name="Current">The after profile's value (all of it when the profile is no diff).</param>
/// <param name="Base">The before (base) profile's value, positive; 0 when the profile is no diff.</param>
public sealed record FlameNode(string Id, string Parent, string Name, int Depth, long Value, long Self, long Current, long Base)
{
    /// <summary>Current − base: which way the path went in a diff.</summary>
    public long Delta => Current - Base;
}

/// <summary>
/// The result of <see cref="FlameGraph.Compute"/>: the nodes in depth-first order, heaviest child first; the sample
/// type the values are of; and whether the profile is a diff (<see cref="ProfileDiff"/>), in which case widths are
/// current + base and <see cref="FlameNode.Delta"/> tells growth from shrinkage.
/// </summary>
public sealed record FlameGraphReport(IReadOnlyList<FlameNode> Rows, ProfileValueType SampleType, bool IsDiff) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["id"] = "The node: `root`, or `n` and a number.",
        ["parent"] = "The parent node's id (empty for the root).",
        ["name"] = "The function, or [binary] / <unknown> when unsymbolized; total for the root.",
        ["depth"] = "Depth below the root (root 0).",
        ["value"] = "Width of the box: current + base, in the sample type's unit.",
        ["self"] = "Of value, what samples ending at this node carry.",
        ["current"] = "The after profile's value (all of it when the profile is no diff).",
        ["base"] = "The before profile's value in a diff (0 otherwise).",
        ["delta"] = "current − base.",
    };

    /// <summary>Columns id, parent, name, depth, value, self, current, base, delta.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("id", Rows.Select(r => r.Id)),
        new StringDataFrameColumn("parent", Rows.Select(r => r.Parent)),
        new StringDataFrameColumn("name", Rows.Select(r => r.Name)),
        new Int32DataFrameColumn("depth", Rows.Select(r => r.Depth)),
        new Int64DataFrameColumn("value", Rows.Select(r => r.Value)),
        new Int64DataFrameColumn("self", Rows.Select(r => r.Self)),
        new Int64DataFrameColumn("current", Rows.Select(r => r.Current)),
        new Int64DataFrameColumn("base", Rows.Select(r => r.Base)),
        new Int64DataFrameColumn("delta", Rows.Select(r => r.Delta)));
}

using GoMemLab.Profiles.Analyses;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Flame graphs as plotly.js icicle charts drawn from a <see cref="FlameGraph"/> table: the root (all samples) at
/// the top, callers below it and the allocating leaf at the bottom of each column; a box's width is its value.
/// Click a box to zoom into its subtree. Hover shows the full function name, value and share of the root.
/// </summary>
public static class FlameCharts
{
    /// <summary>The flame graph of one profile, boxes coloured by depth.</summary>
    public static GenericChart Flame(DataFrame flame, string title, string unit = "bytes")
    {
        var (trace, depth) = Icicle(flame, unit, "value");
        return PlotlyFigure.Create([trace], Layout(title, depth));
    }

    /// <summary>
    /// The flame graph of a diff (<see cref="FlameGraph"/> over <see cref="Profiles.Diff.Against"/>): width = current + base,
    /// colour = delta (current − base) on a diverging scale centred on 0: red grew, green shrank, grey unchanged.
    /// </summary>
    public static GenericChart DiffFlame(DataFrame flame, string title, string unit = "bytes")
    {
        var scale = new ProfileValueScale(unit);
        var (trace, depth) = Icicle(flame, unit, "delta");
        var delta = ((Int64DataFrameColumn)flame.Columns["delta"]).Select(d => scale.Scale(d ?? 0)).ToArray();
        var limit = Math.Max(1e-9, delta.Skip(1).Select(Math.Abs).DefaultIfEmpty(0).Max());
        trace["marker"] = new Dictionary<string, object?>
        {
            ["colors"] = delta, ["cmid"] = 0, ["cmin"] = -limit, ["cmax"] = limit,
            ["colorscale"] = new object[] { new object[] { 0, "#1a7f37" }, new object[] { 0.5, "#eaeef2" }, new object[] { 1, "#cf222e" } },
            ["showscale"] = true,
            ["colorbar"] = new Dictionary<string, object?> { ["title"] = ProfileCharts.Title($"Δ {scale.Label}") },
        };
        return PlotlyFigure.Create([trace], Layout(title, depth));
    }

    private static (Dictionary<string, object?> Trace, int Depth) Icicle(DataFrame flame, string unit, string extra)
    {
        var scale = new ProfileValueScale(unit);
        var ids = flame.Columns["id"].Cast<string>().ToArray();
        var parents = flame.Columns["parent"].Cast<string>().ToArray();
        var names = flame.Columns["name"].Cast<string>().ToArray();
        var values = ((Int64DataFrameColumn)flame.Columns["value"]).Select(v => v ?? 0).ToArray();
        var extras = ((Int64DataFrameColumn)flame.Columns[extra]).Select(v => scale.Scale(v ?? 0)).ToArray();
        var depth = ((Int32DataFrameColumn)flame.Columns["depth"]).Select(d => d ?? 0).DefaultIfEmpty(0).Max();
        var trace = new Dictionary<string, object?>
        {
            ["type"] = "icicle", ["ids"] = ids, ["parents"] = parents,
            ["labels"] = names.Select(ProfileValueScale.ShortName).ToArray(),
            ["values"] = values.Select(scale.Scale).ToArray(), ["branchvalues"] = "total",
            ["customdata"] = names.Select((n, i) => new object[] { n, extras[i] }).ToArray(),
            ["hovertemplate"] = "%{customdata[0]}<br>%{value:.3f} " + scale.Label + " (%{percentRoot:.1%} of all)" +
                (extra == "delta" ? "<br>Δ %{customdata[1]:+.3f} " + scale.Label : "") + "<extra></extra>",
            ["tiling"] = new Dictionary<string, object?> { ["orientation"] = "v" },
            // plotly leaves the root box unfilled; a light fill shows it is the whole (click it to zoom out).
            ["root"] = new Dictionary<string, object?> { ["color"] = "#d0d7de" },
            ["textinfo"] = "label", ["insidetextfont"] = new Dictionary<string, object?> { ["size"] = 12 },
        };
        return (trace, depth);
    }

    private static Dictionary<string, object?> Layout(string title, int depth) => new()
    {
        ["title"] = ProfileCharts.Title(title),
        ["margin"] = new Dictionary<string, object?> { ["t"] = 50, ["l"] = 10, ["r"] = 10, ["b"] = 10 },
        ["height"] = Math.Clamp(120 + 30 * (depth + 1), 420, 1400),
    };
}

using GoMemLab.Profiles.Analyses;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Flame graphs as plotly.js icicle charts drawn from a <see cref="FlameGraphReport"/>: the root (all samples) at
/// the top, callers below it and the allocating leaf at the bottom of each column; a box's width is its value.
/// Click a box to zoom into its subtree. Hover shows the full function name, value and share of the root.
/// </summary>
public static class FlameCharts
{
    /// <summary>
    /// The flame graph of a report with a title naming its sample type: <see cref="DiffFlame"/> when the profile is a
    /// diff, else <see cref="Flame"/>.
    /// </summary>
    public static GenericChart Chart(FlameGraphReport flame) =>
        flame.IsDiff
            ? DiffFlame(flame, $"Diff flame graph, {flame.SampleType.Type}: red grew, green shrank")
            : Flame(flame, $"Flame graph, {flame.SampleType.Type}");

    /// <summary>The flame graph of one profile, boxes coloured by depth.</summary>
    public static GenericChart Flame(FlameGraphReport flame, string title)
    {
        var (trace, depth) = Icicle(flame, diff: false);
        return PlotlyFigure.Create([trace], Layout(title, depth));
    }

    /// <summary>
    /// The flame graph of a diff (<see cref="FlameGraph"/> over <see cref="Profiles.ProfileDiff.Compare"/>): width = current + base,
    /// colour = delta (current − base) on a diverging scale centred on 0: red grew, green shrank, grey unchanged.
    /// </summary>
    public static GenericChart DiffFlame(FlameGraphReport flame, string title)
    {
        var scale = new ProfileValueScale(flame.SampleType.Unit);
        var (trace, depth) = Icicle(flame, diff: true);
        var delta = flame.Rows.Select(n => scale.Scale(n.Delta)).ToArray();
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

    private static (Dictionary<string, object?> Trace, int Depth) Icicle(FlameGraphReport flame, bool diff)
    {
        var scale = new ProfileValueScale(flame.SampleType.Unit);
        var nodes = flame.Rows;
        var ids = nodes.Select(n => n.Id).ToArray();
        var parents = nodes.Select(n => n.Parent).ToArray();
        var names = nodes.Select(n => n.Name).ToArray();
        var values = nodes.Select(n => n.Value).ToArray();
        var extras = nodes.Select(n => scale.Scale(diff ? n.Delta : n.Value)).ToArray();
        var depth = nodes.Select(n => n.Depth).DefaultIfEmpty(0).Max();
        var trace = new Dictionary<string, object?>
        {
            ["type"] = "icicle", ["ids"] = ids, ["parents"] = parents,
            ["labels"] = names.Select(ProfileValueScale.ShortName).ToArray(),
            ["values"] = values.Select(scale.Scale).ToArray(), ["branchvalues"] = "total",
            ["customdata"] = names.Select((n, i) => new object[] { n, extras[i] }).ToArray(),
            ["hovertemplate"] = "%{customdata[0]}<br>%{value:.3f} " + scale.Label + " (%{percentRoot:.1%} of all)" +
                (diff ? "<br>Δ %{customdata[1]:+.3f} " + scale.Label : "") + "<extra></extra>",
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

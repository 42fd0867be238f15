using GoMemLab.Escape;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace GoMemLab.Charts;

/// <summary>
/// Charts of escape analysis: heap escapes by cause, by package (stacked by cause), and one escape's
/// <c>-m=2</c> flow as a chain (<see cref="FlowChain"/>). Write them with <see cref="ChartHtml"/> or
/// <see cref="OfflineHtmlPage"/> so they render offline. The source view is <see cref="EscapeSourceView"/>.
/// </summary>
public static class EscapeCharts
{
    /// <summary>Horizontal bars: number of heap decisions per cause (see <see cref="EscapeCause"/>), largest first.</summary>
    public static GenericChart EscapesByCause(EscapeLog log)
    {
        var counts = log.Causes().Rows
            .GroupBy(r => r.Cause)
            .Select(g => (Cause: g.Key.ToText(), Count: g.Count()))
            .OrderBy(c => c.Count).ToList();
        var chart = CSharpChart.Bar<int, string, string>(counts.Select(c => c.Count), Keys: Some(counts.Select(c => c.Cause)),
            Name: "heap escapes");
        return ChartStyle.Titled(chart, $"Heap escapes by cause — {Path.GetFileName(log.Source)}", "heap escapes", null);
    }

    /// <summary>
    /// Horizontal bars stacked by cause: heap decisions for the <paramref name="top"/> packages with the
    /// most of them (by file when the log has a single package).
    /// </summary>
    public static GenericChart EscapesByPackage(EscapeLog log, int top = 20)
    {
        var heap = log.Causes().Rows.Select(r => (d: r.Decision, r.Cause)).ToList();
        var byFile = heap.Select(h => h.d.Package).Distinct().Count() <= 1;
        string Group(EscapeDiagnostic d) => byFile ? d.File : d.Package;
        var groups = heap.GroupBy(h => Group(h.d)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(top).Select(g => g.Key).Reverse().ToList();
        var traces = Enum.GetValues<EscapeCauseKind>()
            .Where(c => heap.Any(h => h.Cause == c))
            .Select(cause => CSharpChart.Bar<int, string, string>(
                groups.Select(g => heap.Count(h => h.Cause == cause && Group(h.d) == g)), Keys: Some(groups), Name: cause.ToText()))
            .ToList();
        var layout = new Layout();
        layout.SetProperty("barmode", "stack");
        var chart = Plotly.NET.Chart.withLayout(layout).Invoke(CSharpChart.Combine(traces));
        return ChartStyle.Titled(chart, $"Heap escapes by {(byFile ? "file" : "package")} and cause — {Path.GetFileName(log.Source)}",
            "heap escapes", null);
    }

    /// <summary>
    /// One diagnostic's explanation as a chain: a box per location the compiler names (<c>&amp;{storage for v}</c>,
    /// <c>~r0</c>, <c>{heap}</c>…), left to right in the order the value travels, and an arrow per <c>flow:</c> step
    /// labelled with the reasons of the <c>from</c> steps under it. All boxes and arrows are the same size: a flow says
    /// where a value goes, not how much of anything goes there (so it is not drawn as a Sankey, whose widths would
    /// suggest a magnitude).
    /// </summary>
    /// <exception cref="ArgumentException">The diagnostic has no flow step (not a <c>-m=2</c> log).</exception>
    public static GenericChart FlowChain(EscapeLog log, EscapeDiagnostic diagnostic)
    {
        var flows = Flows(log, diagnostic);
        var nodes = flows.SelectMany(f => new[] { f.Source, f.Destination }).Distinct().ToList();
        var points = new Dictionary<string, object?>
        {
            ["type"] = "scatter", ["mode"] = "markers+text", ["x"] = nodes.Select((_, i) => (double)i).ToArray(),
            ["y"] = nodes.Select(_ => 0.0).ToArray(),
            ["text"] = nodes.ToArray(), ["textposition"] = "top center", ["hoverinfo"] = "text", ["showlegend"] = false,
            ["marker"] = new Dictionary<string, object?> { ["size"] = 18, ["symbol"] = "square", ["color"] = "#0969da" },
        };
        var arrows = flows.Select(f => (object)new Dictionary<string, object?>
        {
            ["x"] = nodes.IndexOf(f.Destination) - 0.08, ["y"] = 0, ["ax"] = nodes.IndexOf(f.Source) + 0.08, ["ay"] = 0,
            ["xref"] = "x", ["yref"] = "y", ["axref"] = "x", ["ayref"] = "y", ["showarrow"] = true, ["arrowhead"] = 2, ["arrowwidth"] = 1.5,
        }).Concat(flows.Select(f => (object)new Dictionary<string, object?>
        {
            ["x"] = (nodes.IndexOf(f.Source) + nodes.IndexOf(f.Destination)) / 2.0, ["y"] = -0.35, ["xref"] = "x", ["yref"] = "y",
            ["showarrow"] = false,
            ["text"] = string.Join("<br>", f.Reasons.Select(System.Net.WebUtility.HtmlEncode)), ["font"] = new Dictionary<string,
                object?>
            { ["size"] = 11 },
        })).ToArray();
        return PlotlyFigure.Create([points], new Dictionary<string, object?>
        {
            ["title"] = ProfileCharts.Title($"{diagnostic.Message} — "
                + $"{Path.GetFileName(diagnostic.File)}:{diagnostic.Line}:{diagnostic.Column}"),
            ["xaxis"] = new Dictionary<string, object?> { ["visible"] = false, ["range"] = new[] { -0.6, nodes.Count - 0.4 } },
            ["yaxis"] = new Dictionary<string, object?> { ["visible"] = false, ["range"] = new[] { -1.0, 0.8 } },
            ["annotations"] = arrows, ["height"] = 300,
        });
    }

    private static List<(string Source, string Destination, List<string> Reasons)> Flows(EscapeLog log, EscapeDiagnostic diagnostic)
    {
        var flows = new List<(string Source, string Destination, List<string> Reasons)>();
        foreach (var s in log.StepsOf(diagnostic))
        {
            if (s.Kind == FlowStepKind.Flow) flows.Add((s.Source, s.Destination, []));
            else if (s.Kind == FlowStepKind.From && flows.Count > 0) flows[^1].Reasons.Add($"{s.Expression} ({s.Reason})");
        }
        if (flows.Count == 0)
            throw new ArgumentException($"{diagnostic.File}:{diagnostic.Line}: '{diagnostic.Message}' has no flow; build with "
                + $"-gcflags=-m=2");
        return flows;
    }

    // Plotly.NET.CSharp takes optional sequences as Optional<IEnumerable<T>>, which C# cannot convert to implicitly.
    private static Optional<IEnumerable<T>> Some<T>(IEnumerable<T> values) => new(values.ToArray(), true);
}

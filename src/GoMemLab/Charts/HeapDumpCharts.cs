using GoMemLab.HeapDumps.Rows;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Charts of a heap dump's retention: a sunburst of the dominator tree's top (roots inside, the allocation sites of
/// what each retains outside; a wedge's angle is bytes), and a path from a root to an object as bars of retained bytes,
/// one per step, so the step where the memory stops being concentrated shows.
/// </summary>
public static class HeapDumpCharts
{
    private static readonly ProfileValueScale Bytes = new("bytes");

    /// <summary>Roots → sites from <see cref="RootSiteReport"/>; click a root to zoom into it.</summary>
    public static GenericChart RetentionSunburst(RootSiteReport report, string title)
    {
        var ids = new List<string> { "all" };
        var labels = new List<string> { "reachable heap" };
        var parents = new List<string> { "" };
        var values = new List<double> { Bytes.Scale(report.ReachableBytes) };
        var hover = new List<string> { $"all reachable objects: {report.ReachableBytes:N0} bytes" };
        foreach (var root in report.Rows.GroupBy(r => r.Root))
        {
            var total = root.Sum(r => r.Bytes);
            ids.Add("root:" + root.Key);
            labels.Add(Short(root.Key));
            parents.Add("all");
            values.Add(Bytes.Scale(total));
            hover.Add($"{root.Key}: retains {total:N0} bytes");
            foreach (var site in root)
            {
                ids.Add($"site:{root.Key}|{site.Site}");
                labels.Add(site.Site.Split('/')[^1]);
                parents.Add("root:" + root.Key);
                values.Add(Bytes.Scale(site.Bytes));
                hover.Add($"{site.Site}: {site.Bytes:N0} bytes in {site.Objects:N0} objects, held by {root.Key}");
            }
        }
        var trace = new Dictionary<string, object?>
        {
            ["type"] = "sunburst", ["ids"] = ids, ["labels"] = labels, ["parents"] = parents, ["values"] = values,
            ["branchvalues"] = "remainder", ["customdata"] = hover, ["hovertemplate"] = "%{customdata}<extra></extra>",
            ["maxdepth"] = 3, ["insidetextorientation"] = "radial",
        };
        return PlotlyFigure.Create([trace], new Dictionary<string, object?>
        {
            ["title"] = ProfileCharts.Title(title),
            ["margin"] = new Dictionary<string, object?> { ["t"] = 50, ["l"] = 10, ["r"] = 10, ["b"] = 10 },
            ["height"] = 560,
        });
    }

    /// <summary>The steps of a path (root first) as horizontal bars of retained bytes, labelled with kind and site.</summary>
    public static GenericChart PathToRoot(PathReport path, string title)
    {
        var rows = path.Rows;
        var names = rows.Select(r => $"{r.Depth}. {Short(r.Node)}{(r.Site.Length > 0 ? " · " + r.Site.Split('/')[^1] : "")}").ToArray();
        var trace = new Dictionary<string, object?>
        {
            ["type"] = "bar", ["orientation"] = "h", ["y"] = names, ["x"] = rows.Select(r => Bytes.Scale(r.RetainedBytes)).ToArray(),
            ["customdata"] = rows.Select(r
                => $"{r.Node} ({r.Kind}{(r.Via.Length > 0 ? ", via " + r.Via : "")}): {r.Bytes:N0} bytes itself, retains "
                    + $"{r.RetainedBytes:N0}").ToArray(),
            ["hovertemplate"] = "%{customdata}<extra></extra>", ["marker"] = new Dictionary<string, object?> { ["color"] = "#0969da" },
        };
        return PlotlyFigure.Create([trace], new Dictionary<string, object?>
        {
            ["title"] = ProfileCharts.Title(title),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = ProfileCharts.Title($"retained {Bytes.Label}") },
            ["yaxis"] = new Dictionary<string, object?> { ["autorange"] = "reversed", ["automargin"] = true },
            ["margin"] = new Dictionary<string, object?> { ["t"] = 50, ["l"] = 10, ["r"] = 10, ["b"] = 40 },
            ["height"] = Math.Clamp(140 + 28 * rows.Count, 260, 900),
        });
    }

    private static string Short(string name) => name.Length <= 48 ? name : "…" + name[^47..];
}

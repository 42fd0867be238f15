using GoMemLab.Profiles.Analyses;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Charts of heap/CPU profile analyses (Top, AllocVsInuse, HeapTrend). Inputs are the analyses' own results,
/// so a chart never computes anything a table would not show; values are scaled for reading
/// (<see cref="ProfileValueScale"/>: bytes as MiB) and function names shortened to their last path element on the
/// axes, with the full name in the hover text. Flame graphs are in <see cref="FlameCharts"/>.
/// </summary>
public static class ProfileCharts
{
    /// <summary>
    /// Horizontal bars of the first <paramref name="count"/> rows of a <see cref="Top"/> report, flat and cum side by
    /// side, in the report's order (top row at the top).
    /// </summary>
    public static GenericChart TopBars(TopReport report, int count = 20)
    {
        var scale = new ProfileValueScale(report.SampleType.Unit);
        var rows = report.Rows.Take(count).ToList();
        var labels = UniqueLabels(rows.Select(r => r.Name));
        var traces = new[]
        {
            HorizontalBar("flat", labels, rows.Select(r => scale.Scale(r.Flat)), rows.Select(r => r.Name), "#0969da"),
            HorizontalBar("cum", labels, rows.Select(r => scale.Scale(r.Cum)), rows.Select(r => r.Name), "#8c959f"),
        };
        return PlotlyFigure.Create(traces, BarLayout(
            $"Top {rows.Count} by {(rows.Count > 0 ? "flat" : "")} {report.SampleType.Type}", $"{report.SampleType.Type} ({scale.Label})",
                rows.Count));
    }

    /// <summary>
    /// Grouped horizontal bars of alloc_space and inuse_space per function from <see cref="AllocVsInuse"/> rows (or
    /// <see cref="LeakSuspects"/>): the largest holders of inuse_space (a third of <paramref name="count"/>), then the
    /// largest allocators. Garbage shows a long alloc bar and no inuse bar, a leak two bars of similar length.
    /// </summary>
    public static GenericChart AllocVsInuseBars(IReadOnlyList<AllocVsInuseRow> rows, int count = 15)
    {
        // The biggest holders first (what a leak hunt wants), then the biggest allocators (where the GC works).
        var all = rows;
        var holders = all.Where(r => r.InuseSpace > 0).OrderByDescending(r => r.InuseSpace).Take(Math.Max(1, count / 3));
        var allocators = all.OrderByDescending(r => r.AllocSpace).ThenBy(r => r.Function, StringComparer.Ordinal);
        var shown = holders.Concat(allocators).DistinctBy(r => r.Function).Take(count).ToList();
        var scale = new ProfileValueScale("bytes");
        var labels = UniqueLabels(shown.Select(r => r.Function));
        var traces = new[]
        {
            HorizontalBar("alloc_space (allocated since start)", labels, shown.Select(r => scale.Scale(r.AllocSpace)),
                shown.Select(r => r.Function), "#bf8700"),
            HorizontalBar("inuse_space (live at last GC)", labels, shown.Select(r => scale.Scale(r.InuseSpace)),
                shown.Select(r => r.Function), "#cf222e"),
        };
        return PlotlyFigure.Create(traces, BarLayout("Allocated vs still in use, per function", "MiB", shown.Count));
    }

    /// <summary>
    /// Log-log scatter of inuse_space against alloc_space per allocating function, coloured by retention ratio.
    /// Functions whose inuse_space is 0 (garbage only: nothing live at the last GC) cannot be placed on a log axis; the
    /// title says how many are left out. The dashed diagonal is "keeps everything it
    /// allocates"; garbage sits far below it. The <paramref name="labelled"/> largest by inuse_space are named (one name per cluster of
    /// overlapping points).
    /// </summary>
    public static GenericChart RetentionScatter(IReadOnlyList<AllocVsInuseRow> allocVsInuse, int labelled = 6)
    {
        // Functions that allocated nothing themselves (callers only) are not points at all; those that allocated but
        // hold nothing at the last GC are, but a log axis has no place for their 0.
        var allocating = allocVsInuse.Where(r => r.AllocSpace > 0).ToList();
        var rows = allocating.Where(r => r.InuseSpace > 0).ToList();
        var hidden = allocating.Count - rows.Count;
        var scale = new ProfileValueScale("bytes");
        // Name the biggest holders, skipping a point that sits on one already named (labels would overprint).
        var named = new HashSet<string>();
        var placed = new List<(double X, double Y)>();
        foreach (var r in rows.OrderByDescending(r => r.InuseSpace))
        {
            if (named.Count == labelled) break;
            var (lx, ly) = (Math.Log10(r.AllocSpace), Math.Log10(r.InuseSpace));
            if (placed.Any(p => Math.Abs(p.X - lx) < 0.25 && Math.Abs(p.Y - ly) < 0.12)) continue;
            named.Add(r.Function);
            placed.Add((lx, ly));
        }
        var x = rows.Select(r => scale.Scale(r.AllocSpace)).ToArray();
        var y = rows.Select(r => scale.Scale(r.InuseSpace)).ToArray();
        var low = Math.Min(x.DefaultIfEmpty(0.01).Min(), y.DefaultIfEmpty(0.01).Min());
        var high = Math.Max(x.DefaultIfEmpty(1).Max(), y.DefaultIfEmpty(1).Max());
        var points = new Dictionary<string, object?>
        {
            ["type"] = "scatter", ["mode"] = "markers+text", ["name"] = "functions", ["x"] = x, ["y"] = y,
            ["text"] = rows.Select(r => named.Contains(r.Function) ? ProfileValueScale.ShortName(r.Function) : "").ToArray(),
            ["textposition"] = "top center", ["textfont"] = new Dictionary<string, object?> { ["size"] = 11 },
            ["customdata"] = rows.Select(r => new object[] { r.Function, r.RetentionRatio ?? 0 }).ToArray(),
            ["hovertemplate"] = "%{customdata[0]}<br>alloc %{x:.3f} MiB<br>inuse %{y:.3f} MiB<br>retention "
                + "%{customdata[1]:.2f}<extra></extra>",
            ["marker"] = new Dictionary<string, object?>
            {
                ["size"] = 11, ["color"] = rows.Select(r => r.RetentionRatio ?? 0).ToArray(), ["cmin"] = 0, ["cmax"] = 1,
                ["colorscale"] = new object[] { new object[] { 0, "#54aeff" }, new object[] { 0.5, "#d4a72c" },
                    new object[] { 1, "#cf222e" } },
                ["colorbar"] = new Dictionary<string, object?> { ["title"] = new Dictionary<string, object?> { ["text"] = "retention" } },
                ["line"] = new Dictionary<string, object?> { ["width"] = 1, ["color"] = "#57606a" },
            },
        };
        var diagonal = new Dictionary<string, object?>
        {
            ["type"] = "scatter", ["mode"] = "lines", ["name"] = "inuse = alloc", ["x"] = new[] { low, high }, ["y"] = new[] { low, high },
            ["line"] = new Dictionary<string, object?> { ["dash"] = "dash", ["color"] = "#8c959f" }, ["hoverinfo"] = "skip",
        };
        return PlotlyFigure.Create([diagonal, points], new Dictionary<string, object?>
        {
            ["title"] = Title("Retention: inuse_space vs alloc_space (log-log)"
                + (hidden == 0 ? "" : $"<br><sub>{hidden} of {allocating.Count} allocating functions not shown: their inuse_space is 0 "
                + $"(no place on a log axis)</sub>")),
            ["xaxis"] = new Dictionary<string, object?> { ["type"] = "log", ["title"] = Title("alloc_space (MiB, log)") },
            ["yaxis"] = new Dictionary<string, object?> { ["type"] = "log", ["title"] = Title("inuse_space (MiB, log)") },
            ["height"] = 520, ["showlegend"] = false,
        });
    }

    /// <summary>
    /// One line per function over the snapshots' time, for the first <paramref name="count"/> functions of a
    /// <see cref="HeapTrend"/> ranking, in the sample type's unit.
    /// </summary>
    public static GenericChart TrendLines(HeapTrendReport trend, int count = 5)
    {
        var scale = new ProfileValueScale(trend.SampleType.Unit);
        var sampleType = trend.SampleType.Type;
        var top = trend.Rows.Take(count).Select(r => r.Function).ToList();
        var traces = top.Select(name =>
        {
            var points = trend.Points.Where(p => p.Function == name).ToList();
            return new Dictionary<string, object?>
            {
                ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = ProfileValueScale.ShortName(name),
                ["x"] = points.Select(p => p.Minutes).ToArray(), ["y"] = points.Select(p => scale.Scale(p.Value)).ToArray(),
                ["hovertemplate"] = name + "<br>%{x:.2f} min: %{y:.3f} " + scale.Label + "<extra></extra>",
            };
        });
        return PlotlyFigure.Create(traces, new Dictionary<string, object?>
        {
            ["title"] = Title($"{sampleType} per function across snapshots (top {top.Count} by growth)"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = Title("minutes since the first snapshot") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = Title($"{sampleType} ({scale.Label})"), ["rangemode"] = "tozero" },
            ["legend"] = new Dictionary<string, object?> { ["orientation"] = "h", ["y"] = -0.2 },
            ["height"] = 480,
        });
    }

    /// <summary>Short names, made unique again (two packages may both have a <c>cache.Put</c>) by falling back to the full name.</summary>
    private static string[] UniqueLabels(IEnumerable<string> names)
    {
        var full = names.ToArray();
        var shortNames = full.Select(ProfileValueScale.ShortName).ToArray();
        var duplicated = shortNames.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return shortNames.Select((s, i) => duplicated.Contains(s) ? full[i] : s).ToArray();
    }

    private static Dictionary<string, object?> HorizontalBar(string name, string[] labels, IEnumerable<double> values,
        IEnumerable<string> fullNames, string color) => new()
        {
            ["type"] = "bar", ["orientation"] = "h", ["name"] = name, ["y"] = labels, ["x"] = values.ToArray(),
            ["customdata"] = fullNames.ToArray(), ["hovertemplate"] = "%{customdata}<br>" + name + ": %{x:.3f}<extra></extra>",
            ["marker"] = new Dictionary<string, object?> { ["color"] = color },
        };

    private static Dictionary<string, object?> BarLayout(string title, string axis, int rows) => new()
    {
        ["title"] = Title(title), ["barmode"] = "group",
        ["xaxis"] = new Dictionary<string, object?> { ["title"] = Title(axis) },
        ["yaxis"] = new Dictionary<string, object?> { ["autorange"] = "reversed", ["automargin"] = true, ["type"] = "category" },
        ["legend"] = new Dictionary<string, object?> { ["orientation"] = "h", ["y"] = 1.02, ["yanchor"] = "bottom", ["x"] = 0 },
        ["height"] = Math.Max(360, 130 + 34 * rows),
    };

    internal static Dictionary<string, object?> Title(string text) => new() { ["text"] = text };
}

using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Charts of goroutine dumps, drawn from the analyses' own rows: goroutines per group in one dump (stacked by
/// state when the dump has states) and per group across snapshots (stacked, so the total is the bar's height).
/// </summary>
public static class GoroutineCharts
{
    private static readonly string[] Palette =
        ["#cf222e", "#0969da", "#bf8700", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#a40e26", "#6e7781", "#4d2d00"];

    /// <summary>
    /// Horizontal bars of the <paramref name="count"/> largest start-function groups, largest at the top; for dumps with
    /// states each bar is split by state (the <paramref name="states"/> most common get their own colour, the rest "other").
    /// </summary>
    public static GenericChart StartBars(GoroutineDump dump, int count = 12, int states = 6)
    {
        var groups = dump.ByStart().Rows.Take(count).ToList();
        var labels = groups.Select(g => ShortKey(g.Key)).ToArray();
        var traces = new List<Dictionary<string, object?>>();
        if (dump.Goroutines is { } table)
        {
            var byState = dump.ByState().Rows.Take(states).Select(r => r.Key).ToList();
            var cells = new Dictionary<(string Group, string State), long>();
            for (var i = 0; i < table.Count; i++)
            {
                var state = byState.Contains(table.StateText(i)) ? table.StateText(i) : "other";
                var key = (dump.Stacks.StartKey(table.Stack(i)), state);
                cells[key] = cells.GetValueOrDefault(key) + 1;
            }
            foreach (var (state, n) in byState.Append("other").Select((s, n) => (s, n)))
            {
                var values = groups.Select(g => (double)cells.GetValueOrDefault((g.Key, state))).ToArray();
                if (values.All(v => v == 0)) continue;
                traces.Add(Bar(state, labels, values, groups.Select(g => g.Key), Palette[n % Palette.Length]));
            }
        }
        else traces.Add(Bar("goroutines", labels, groups.Select(g => (double)g.Count).ToArray(), groups.Select(g => g.Key), Palette[1]));
        return PlotlyFigure.Create(traces, new Dictionary<string, object?>
        {
            ["title"] = ProfileCharts.Title($"Goroutines per start function — {Path.GetFileName(dump.Source)}"),
            ["barmode"] = "stack",
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = ProfileCharts.Title("goroutines") },
            ["yaxis"] = new Dictionary<string, object?> { ["autorange"] = "reversed", ["automargin"] = true, ["type"] = "category" },
            ["legend"] = new Dictionary<string, object?> { ["orientation"] = "h", ["y"] = 1.02, ["yanchor"] = "bottom", ["x"] = 0 },
            ["height"] = Math.Max(320, 130 + 30 * groups.Count),
        });
    }

    /// <summary>
    /// Stacked bars of goroutines per group at each snapshot (x: minutes since the first), one colour per group for the
    /// <paramref name="count"/> groups largest in the last snapshot, the rest together as "other".
    /// </summary>
    public static GenericChart GrowthStacked(GoroutineGrowth growth, int count = 8)
    {
        var minutes = growth.Minutes.Select(m => Math.Round(m, 3)).ToArray();
        var top = growth.Rows.OrderByDescending(r => r.Last).ThenBy(r => r.Key, StringComparer.Ordinal).Take(count).ToList();
        var rest = growth.Rows.Except(top).ToList();
        var traces = top.Select((r, n) => Column(ShortKey(r.Key), r.Key, minutes, r.Counts, Palette[n % Palette.Length])).ToList();
        if (rest.Count > 0)
        {
            var other = minutes.Select((_, i) => rest.Sum(r => r.Counts[i])).ToArray();
            traces.Add(Column($"other ({rest.Count} groups)", "other groups", minutes, other, "#d0d7de"));
        }
        return PlotlyFigure.Create(traces, new Dictionary<string, object?>
        {
            ["title"] = ProfileCharts.Title($"Goroutines per {growth.By.ToText()} group across {growth.Times.Count} snapshots"),
            ["barmode"] = "stack",
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = ProfileCharts.Title("minutes since the first snapshot") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = ProfileCharts.Title("goroutines"), ["rangemode"] = "tozero" },
            ["legend"] = new Dictionary<string, object?> { ["orientation"] = "h", ["y"] = -0.2 },
            ["height"] = 480,
        });
    }

    /// <summary>The last element of a function's import path (<c>example.com/leaky/internal/cache.(*Cache).Put</c> →
    /// <c>cache.(*Cache).Put</c>), keeping a creation site's position.</summary>
    public static string ShortKey(string key)
    {
        if (key.StartsWith(StartFunction.TruncatedPrefix, StringComparison.Ordinal))
            return StartFunction.TruncatedPrefix + ShortKey(key[StartFunction.TruncatedPrefix.Length..]);
        var space = key.IndexOf(" (", StringComparison.Ordinal);
        var function = space < 0 ? key : key[..space];
        var slash = function.LastIndexOf('/');
        return slash < 0 ? key : key[(slash + 1)..];
    }

    private static Dictionary<string, object?> Bar(string name, string[] labels, double[] values, IEnumerable<string> keys,
        string color) => new()
        {
            ["type"] = "bar", ["orientation"] = "h", ["name"] = name, ["y"] = labels, ["x"] = values, ["customdata"] = keys.ToArray(),
            ["hovertemplate"] = "%{customdata}<br>" + name + ": %{x}<extra></extra>", ["marker"] = new Dictionary<string,
            object?>
            { ["color"] = color },
        };

    private static Dictionary<string, object?> Column(string name, string key, double[] minutes, IEnumerable<long> counts,
        string color) => new()
        {
            ["type"] = "bar", ["name"] = name, ["x"] = minutes, ["y"] = counts.ToArray(),
            ["hovertemplate"] = key + "<br>%{x} min: %{y} goroutines<extra></extra>",
            ["marker"] = new Dictionary<string, object?> { ["color"] = color },
        };
}

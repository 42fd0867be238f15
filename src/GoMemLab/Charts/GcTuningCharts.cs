using GoMemLab.Telemetry;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// The same program run under several GC settings (GOGC, GOMEMLIMIT), side by side from their gctrace logs: what each
/// setting buys in memory and costs in collections and CPU. Colours are per setting and shared by both panels.
/// </summary>
public static class GcTuningCharts
{
    private static readonly string[] Palette = ["#0969da", "#cf222e", "#1a7f37", "#bf8700", "#8250df", "#57606a", "#e16f24"];

    /// <summary>
    /// Two panels over seconds since program start: the heap at each GC's start (solid) and the heap goal (dashed), in
    /// MB as gctrace prints them (whole MiB, truncated); and the runtime's cumulative GC CPU % from each line.
    /// </summary>
    public static GenericChart HeapGoalAndCpu(IReadOnlyList<(string Setting, GcTrace Trace)> runs)
    {
        var traces = new List<Dictionary<string, object?>>();
        for (var i = 0; i < runs.Count; i++)
        {
            var (setting, trace) = runs[i];
            var color = Palette[i % Palette.Length];
            var at = trace.Lines.Select(l => l.AtSeconds).ToArray();
            traces.Add(Line(setting + ": heap at GC start", at, trace.Lines.Select(l => (double)l.HeapStartMb), color, "solid", "y",
                setting));
            traces.Add(Line(setting + ": goal", at, trace.Lines.Select(l => (double)l.GoalMb), color, "dash", "y", setting));
            traces.Add(Line(setting + ": GC CPU %", at, trace.Lines.Select(l => (double)l.CpuPercent), color, "solid", "y2", setting));
        }
        return PlotlyFigure.Create(traces, new Dictionary<string, object?>
        {
            ["title"] = ProfileCharts.Title("Heap vs goal, and GC CPU, per setting"),
            ["grid"] = new Dictionary<string, object?> { ["rows"] = 2, ["columns"] = 1, ["pattern"] = "coupled" },
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = ProfileCharts.Title("seconds since program start") },
            ["yaxis"] = new Dictionary<string, object?>
            {
                ["title"] = ProfileCharts.Title("MB (gctrace, whole MiB)"),
                ["rangemode"] = "tozero"
            },
            ["yaxis2"] = new Dictionary<string, object?>
            {
                ["title"] = ProfileCharts.Title("GC CPU % (cumulative)"),
                ["rangemode"] = "tozero"
            },
            ["legend"] = new Dictionary<string, object?> { ["orientation"] = "h", ["y"] = -0.15 },
            ["height"] = 640,
        });
    }

    private static Dictionary<string, object?> Line(string name, double[] x, IEnumerable<double> y, string color, string dash, string axis,
        string group) => new()
        {
            ["type"] = x.Length > TelemetryCharts.WebGlThreshold ? "scattergl" : "scatter", ["mode"] = "lines", ["name"] = name,
            ["x"] = x, ["y"] = y.ToArray(), ["yaxis"] = axis, ["xaxis"] = "x", ["legendgroup"] = group,
            ["line"] = new Dictionary<string, object?> { ["color"] = color, ["dash"] = dash, ["shape"] = "hv" },
        };
}

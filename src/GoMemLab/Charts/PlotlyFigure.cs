using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Builds a Plotly.NET chart from plotly.js attributes given as dictionaries (trace attributes, layout
/// attributes), for traces whose typed Plotly.NET API is awkward from C# (icicle with custom colours, mixed
/// bar/scatter figures). The figure JSON is exactly these attributes, so the plotly.js reference documents it.
/// </summary>
internal static class PlotlyFigure
{
    public static GenericChart Create(IEnumerable<Dictionary<string, object?>> traces, Dictionary<string, object?> layout)
    {
        var objects = traces.Select(attributes =>
        {
            var trace = new Trace2D((string)attributes["type"]!);
            foreach (var (key, value) in attributes)
                if (key != "type" && value is not null) trace.SetProperty(key, value);
            return (Trace)trace;
        }).ToList();
        var chart = GenericChart.ofTraceObjects(true, objects);
        var plotLayout = new Layout();
        foreach (var (key, value) in layout)
            if (value is not null) plotLayout.SetProperty(key, value);
        return GenericChart.setLayout(plotLayout, chart);
    }
}

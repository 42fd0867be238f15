using GoMemLab.Joins;
using Microsoft.Data.Analysis;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace GoMemLab.Charts;

/// <summary>Charts of the investigation joins: alloc vs inuse per site, and sites' inuse across heap profiles. Bytes in MB = MiB.</summary>
public static class InvestigationCharts
{
    /// <summary>Horizontal bars, alloc_space beside inuse_space, for the <paramref name="top"/> sites by inuse then alloc.</summary>
    public static GenericChart AllocVsInuse(IReadOnlyList<WhyOnHeapRow> rows, int top = 12)
    {
        var chosen = rows.Where(r => r.Site != WhyOnHeap.StandardLibraryOnlySite && r.Status != "not-sampled")
            .OrderByDescending(r => r.InuseSpace).ThenByDescending(r => r.AllocSpace).Take(top).Reverse().ToList();
        var labels = chosen.Select(r => ShortSite(r.Site)).ToArray();
        var chart = CSharpChart.Combine(
        [
            CSharpChart.Bar<double, string, string>(chosen.Select(r => Mb(r.AllocSpace)).ToArray(), labels, Name: "alloc_space (MB, since start)"),
            CSharpChart.Bar<double, string, string>(chosen.Select(r => Mb(r.InuseSpace)).ToArray(), labels, Name: "inuse_space (MB, now)"),
        ]);
        chart = Plotly.NET.Chart.withTitle("Allocated vs still in use, per site", TitleFont: null).Invoke(chart);
        // Site labels are long: leave them room on the left.
        chart = Plotly.NET.Chart.withMargin(Plotly.NET.LayoutObjects.Margin.init<int, int, int, int, int, bool>(Left: 230, Right: 20, Top: 60, Bottom: 50, Pad: 4, Autoexpand: true)).Invoke(chart);
        return chart.WithXAxisStyle<double, double, string>(TitleText: "MB")
            .WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal);
    }

    /// <summary>One line per site of a <see cref="SiteTrend.Table"/> (the total dashed): inuse MB against seconds.</summary>
    public static GenericChart SiteTrendLines(DataFrame trend)
    {
        var rows = Enumerable.Range(0, (int)trend.Rows.Count)
            .Select(i => (Site: (string)trend.Columns["site"][i], At: (double)trend.Columns["at_s"][i]!, Inuse: (long)trend.Columns["inuse_space"][i]!))
            .ToList();
        var lines = rows.GroupBy(r => r.Site).Select(g =>
        {
            var x = g.Select(r => r.At).ToArray();
            var y = g.Select(r => Mb(r.Inuse)).ToArray();
            return g.Key == SiteTrend.TotalSite
                ? CSharpChart.Line<double, double, string>(x, y, Name: "total in use", LineDash: StyleParam.DrawingStyle.Dash, ShowMarkers: true)
                : CSharpChart.Line<double, double, string>(x, y, Name: ShortSite(g.Key), ShowMarkers: true);
        }).ToList();
        var chart = Plotly.NET.Chart.withTitle("In use per heap profile", TitleFont: null).Invoke(CSharpChart.Combine(lines));
        return chart.WithXAxisStyle<double, double, string>(TitleText: "seconds since the first profile")
            .WithYAxisStyle<double, double, string>(TitleText: "inuse MB")
            .WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal);
    }

    private static double Mb(long bytes) => bytes / (double)(1 << 20);

    // example.com/leaky/internal/cache/cache.go:32 → cache/cache.go:32: enough to tell sites apart on an axis.
    private static string ShortSite(string site)
    {
        var parts = site.Split('/');
        return parts.Length <= 2 ? site : string.Join('/', parts[^2..]);
    }
}

using Plotly.NET;
using Plotly.NET.CSharp;

namespace GoMemLab.Charts;

/// <summary>The look every GoMemLab chart shares: a title, axis titles, the legend laid out horizontally.</summary>
internal static class ChartStyle
{
    public static GenericChart Titled(GenericChart chart, string title, string xTitle, string? yTitle)
    {
        chart = Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        if (yTitle is not null) chart = chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return chart.WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal);
    }
}

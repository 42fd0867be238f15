using GoMemLab.Charts;
using Plotly.NET.CSharp;

namespace GoMemLab.Tests.Charts;

public class ChartHtmlTests
{
    [Fact]
    public void Page_inlines_plotly_once_and_references_nothing_remote()
    {
        var a = Chart.Column<long, string, string>(values: [1L, 2L], Keys: new[] { "x", "y" });
        var b = Chart.Column<long, string, string>(values: [3L, 4L], Keys: new[] { "x", "y" });
        var html = ChartHtml.Page("two charts", a, b);
        Assert.Equal(1, Count(html, "<script " + PlotlyJs.MarkerAttribute + ">"));
        Assert.Equal(2, Count(html, "window.Plotly.newPlot(document"));
        // Apart from the bundle itself (whose geo defaults mention a CDN that no chart of ours uses), nothing is remote.
        var withoutBundle = OfflineHtmlPage.StripInlinedPlotly(html);
        Assert.DoesNotContain("http://", withoutBundle);
        Assert.DoesNotContain("https://", withoutBundle);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, html);
    }

    [Fact]
    public void Page_built_from_fragments_that_carry_plotly_keeps_one_copy()
    {
        var chart = Chart.Column<long, string, string>(values: [1L], Keys: new[] { "x" });
        var withBundle = PlotlyJs.ScriptElement + ChartHtml.Fragment(chart);
        var page = new OfflineHtmlPage("p").AddHtml(withBundle).AddHtml(withBundle).ToHtml();
        Assert.Equal(1, Count(page, PlotlyJs.MarkerAttribute));
        Assert.Equal(2, Count(page, "window.Plotly.newPlot(document"));
    }

    private static int Count(string text, string part)
    {
        int n = 0, i = 0;
        while ((i = text.IndexOf(part, i, StringComparison.Ordinal)) >= 0) { n++; i += part.Length; }
        return n;
    }
}

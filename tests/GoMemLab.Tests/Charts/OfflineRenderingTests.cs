using GoMemLab.Charts;
using GoMemLab.Tests.Support;
using Plotly.NET.CSharp;

namespace GoMemLab.Tests.Charts;

public class OfflineRenderingTests
{
    [Fact]
    public void A_chart_page_renders_in_chromium_with_the_network_off()
    {
        using var dir = new TempDirectory();
        var page = dir.File("charts.html");
        ChartHtml.WritePage(page, "offline check",
            Chart.Column<long, string, string>(values: new[] { 3L, 5L }, Keys: new[] { "alloc", "inuse" }),
            Chart.Line<int, long, string>(x: new[] { 1, 2, 3 }, y: new[] { 10L, 20L, 30L }));
        var dom = HeadlessChromium.RenderedDom(page);
        Assert.Equal(2, HeadlessChromium.RenderedCharts(dom));
        Assert.Contains("class=\"main-svg\"", dom);
        var png = Path.Combine(HeadlessChromium.ArtifactFolder, "offline-chart-page.png");
        HeadlessChromium.Screenshot(page, png, height: 1100);
        Assert.True(new FileInfo(png).Length > 10_000);
    }
}

using GoMemLab.Charts;
using GoMemLab.Escape;
using GoMemLab.Tests.Support;
using Plotly.NET;

namespace GoMemLab.Tests.Escape;

public class EscapeChartsTests
{
    private static readonly EscapeLog Log = EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-m2.txt"));

    [Fact]
    public void Cause_and_package_charts_carry_the_summary_counts_and_render_offline()
    {
        var byCause = GenericChart.toFigureJson(EscapeCharts.EscapesByCause(Log));
        var summary = Log.Causes().Summary();
        var interface_ = (long)summary.Columns["converted_to_interface"].Sum();
        Assert.Contains("converted-to-interface", byCause);
        Assert.Contains($"{interface_}", byCause);

        var byPackage = GenericChart.toFigureJson(EscapeCharts.EscapesByPackage(Log));
        Assert.Contains("\"barmode\":\"stack\"", byPackage);
        Assert.Contains("example.com/leaky/escape", byPackage);

        var page = ChartHtml.Page("escapes", EscapeCharts.EscapesByCause(Log), EscapeCharts.EscapesByPackage(Log));
        var withoutBundle = OfflineHtmlPage.StripInlinedPlotly(page);
        Assert.DoesNotContain("https://", withoutBundle);
        Assert.DoesNotContain("http://", withoutBundle);
    }

    [Fact]
    public void Source_view_puts_each_decision_beside_its_line_with_the_flow_on_hover()
    {
        var html = EscapeSourceView.ToHtml(Log, RepoPaths.Data("go", "leaky", "escape", "iface.go"));
        var line11 = html.Split('\n').Single(l => l.Contains("<td style=\"color:#999;text-align:right;padding-right:.8em\">11</td>"));
        Assert.Contains("v escapes to heap</span>", line11);
        Assert.Contains("flow: ~r0 = &amp;{storage for v}:", line11);
        Assert.DoesNotContain("<script", html);
    }
}

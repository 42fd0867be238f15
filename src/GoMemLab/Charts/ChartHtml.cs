using System.Net;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Turns Plotly.NET charts into HTML that needs no network: a fragment (a div and the script that
/// draws it, expecting window.Plotly) for pages and notebook outputs, and whole pages with plotly.js
/// inlined exactly once.
/// </summary>
public static class ChartHtml
{
    /// <summary>
    /// A div plus a script that draws <paramref name="chart"/> into it once window.Plotly exists.
    /// The figure JSON is Plotly.NET's own serialisation, so traces and layout are exactly what the chart says.
    /// </summary>
    public static string Fragment(GenericChart chart, string? id = null)
    {
        id ??= "gomemlab-chart-" + Guid.NewGuid().ToString("N")[..12];
        var figure = GenericChart.toFigureJson(chart);
        return $$"""
<div id="{{id}}" class="gomemlab-chart" style="width:100%;min-height:420px;"></div>
<script>
(function () {
  var figure = {{figure}};
  function draw() {
    if (!window.Plotly) { return setTimeout(draw, 50); }
    var config = Object.assign({ responsive: true, displaylogo: false }, figure.config || {});
    // Fill the page or notebook width: Plotly.NET's default layout pins a 600 px width.
    var layout = Object.assign({}, figure.layout || {});
    delete layout.width;
    layout.autosize = true;
    window.Plotly.newPlot(document.getElementById("{{id}}"), figure.data, layout, config);
  }
  draw();
})();
</script>
""";
    }

    /// <summary>A complete, self-contained HTML page with the given charts, plotly.js inlined once.</summary>
    public static string Page(string title, params GenericChart[] charts)
    {
        var page = new OfflineHtmlPage(title);
        foreach (var chart in charts) page.AddChart(chart);
        return page.ToHtml();
    }

    /// <summary>Writes <see cref="Page"/> to <paramref name="path"/>.</summary>
    public static void WritePage(string path, string title, params GenericChart[] charts) =>
        File.WriteAllText(path, Page(title, charts));

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}

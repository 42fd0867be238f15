using System.Text;
using Plotly.NET;

namespace GoMemLab.Charts;

/// <summary>
/// Builds one self-contained HTML page (reports, exported notebooks, chart files): headings, prose,
/// tables and charts in order, with plotly.js inlined once in the head when the page has any chart,
/// and no reference to any remote resource.
/// </summary>
public sealed class OfflineHtmlPage
{
    private readonly StringBuilder _body = new();
    private bool _needsPlotly;

    /// <param name="title">The document title.</param>
    /// <param name="showTitle">Also show it as the page heading (notebooks bring their own).</param>
    public OfflineHtmlPage(string title, bool showTitle = true)
    {
        Title = title;
        ShowTitle = showTitle;
    }

    public string Title { get; }

    public bool ShowTitle { get; }

    public OfflineHtmlPage AddHeading(string text, int level = 2)
    {
        _body.Append($"<h{level}>{ChartHtml.Encode(text)}</h{level}>\n");
        return this;
    }

    public OfflineHtmlPage AddParagraph(string text)
    {
        _body.Append($"<p>{ChartHtml.Encode(text)}</p>\n");
        return this;
    }

    /// <summary>Adds trusted HTML as is (rendered markdown, formatted tables, notebook outputs).</summary>
    public OfflineHtmlPage AddHtml(string html)
    {
        if (html.Contains(PlotlyJs.MarkerAttribute, StringComparison.Ordinal))
        {
            html = StripInlinedPlotly(html);
            _needsPlotly = true;
        }
        if (html.Contains("Plotly.newPlot", StringComparison.Ordinal)) _needsPlotly = true;
        _body.Append(html).Append('\n');
        return this;
    }

    public OfflineHtmlPage AddChart(GenericChart chart)
    {
        _needsPlotly = true;
        _body.Append(ChartHtml.Fragment(chart)).Append('\n');
        return this;
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{ChartHtml.Encode(Title)}</title>\n");
        html.Append("<meta name=\"generator\" content=\"GoMemLab\">\n");
        html.Append("<style>").Append(Style).Append("</style>\n");
        if (_needsPlotly) html.Append(PlotlyJs.ScriptElement).Append('\n');
        html.Append("</head>\n<body>\n<main>\n");
        if (ShowTitle) html.Append($"<h1>{ChartHtml.Encode(Title)}</h1>\n");
        html.Append(_body);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public void Save(string path) => File.WriteAllText(path, ToHtml());

    /// <summary>Removes GoMemLab-inlined plotly.js script elements (the page head carries the one copy).</summary>
    public static string StripInlinedPlotly(string html)
    {
        var marker = "<script " + PlotlyJs.MarkerAttribute + ">";
        int start;
        while ((start = html.IndexOf(marker, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf("</script>", start + marker.Length, StringComparison.Ordinal);
            if (end < 0) break;
            html = html.Remove(start, end + "</script>".Length - start);
        }
        return html;
    }

    private const string Style = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.7em;border-bottom:1px solid #d0d7de;padding-bottom:.3em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
pre{background:#f6f8fa;padding:10px;overflow:auto}
.cell{margin:1.2em 0}.cell-input{border-left:3px solid #0969da}.cell-output{border-left:3px solid #d0d7de;padding-left:8px}
.error{color:#cf222e;white-space:pre-wrap}
.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;margin:.6em 0;background:#f6f8fa}
.verdict-growing{color:#cf222e;font-weight:600}.verdict-steady{color:#1a7f37;font-weight:600}
""";
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GoMemLab.Charts;
using Markdig;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// Writes an executed notebook as one self-contained HTML page: markdown rendered, code shown, outputs
/// in order (HTML as produced, text escaped, images inline), plotly.js inlined once for the page.
/// The page fetches nothing, so it can be attached to an incident report or opened offline.
/// </summary>
public static class NotebookHtmlExporter
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(JupyterNotebook notebook, string title)
    {
        var startsWithHeading = notebook.Cells.FirstOrDefault() is { Kind: "markdown" } first && first.Source.TrimStart().StartsWith("# ",
            StringComparison.Ordinal);
        var page = new OfflineHtmlPage(title, showTitle: !startsWithHeading);
        foreach (var cell in notebook.Cells)
        {
            if (cell.Kind == "markdown")
            {
                page.AddHtml("<section class=\"cell cell-markdown\">" + Markdig.Markdown.ToHtml(cell.Source, Markdown) + "</section>");
                continue;
            }
            if (!cell.IsCode) continue;
            var html = new StringBuilder("<section class=\"cell\">\n");
            html.Append("<pre class=\"cell-input\"><code>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<JsonObject>())
                html.Append("<div class=\"cell-output\">").Append(OutputHtml(output)).Append("</div>\n");
            html.Append("</section>");
            page.AddHtml(html.ToString());
        }
        return page.ToHtml();
    }

    private static string OutputHtml(JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                return Pre(Join(output["text"]));
            case "error":
                return "<pre class=\"error\">" + WebUtility.HtmlEncode($"{output["ename"]}: {output["evalue"]}") + "</pre>";
            default:
                var data = output["data"] as JsonObject;
                if (data is null) return "";
                if (data["text/html"] is { } html) return Join(html);
                if (data["image/svg+xml"] is { } svg) return Join(svg);
                if (data["image/png"] is { } png) return $"<img alt=\"output\" src=\"data:image/png;base64,{Join(png).Trim()}\">";
                if (data["text/markdown"] is { } md) return Markdig.Markdown.ToHtml(Join(md), Markdown);
                if (data["text/plain"] is { } text) return Pre(Join(text));
                return "";
        }
    }

    private static string Pre(string text) => "<pre>" + WebUtility.HtmlEncode(text) + "</pre>";

    private static string Join(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };
}

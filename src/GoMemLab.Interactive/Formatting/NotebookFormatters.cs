using GoMemLab.Charts;
using GoMemLab.Environment;
using GoMemLab.Reports;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace GoMemLab.Interactive.Formatting;

/// <summary>
/// HTML formatters for GoMemLab's own types and for Plotly.NET charts. Charts render offline: this
/// replaces Plotly.NET's own notebook formatter, which loads plotly.js from a CDN.
/// </summary>
internal static class NotebookFormatters
{
    public static void Register()
    {
        Formatter.Register<GenericChart>((chart, writer) =>
            writer.Write(NotebookPlotly.ScriptOnce() + ChartHtml.Fragment(chart)), HtmlFormatter.MimeType);
        Formatter.Register<SummaryCard>((card, writer) =>
            writer.Write((card.Charts.Count > 0 ? NotebookPlotly.ScriptOnce() : "") + card.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<SummaryCard>((card, writer) => writer.Write(card.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<EnvironmentCard>((card, writer) => writer.Write(EnvironmentCardHtml(card)), HtmlFormatter.MimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlTable.Render(frame, maxRows: 25)), HtmlFormatter.MimeType);
        // Typed results (TopReport, AllocVsInuseReport…) show as their table; their rows stay in the variable.
        Formatter.Register<ITableResult>((result, writer) => writer.Write(HtmlTable.Render(result.ToDataFrame(), maxRows: 25)),
            HtmlFormatter.MimeType);
    }

    private static string EnvironmentCardHtml(EnvironmentCard card)
    {
        var summary = new SummaryCard("GoMemLab environment");
        foreach (var (item, value) in card.Rows()) summary.AddFact(item, value);
        return summary.ToHtml();
    }
}

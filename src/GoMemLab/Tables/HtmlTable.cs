using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tables;

/// <summary>Renders a DataFrame as a plain HTML table for reports and summary cards (numbers right-aligned; integers exact, doubles to four
/// decimals as in text tables).</summary>
public static class HtmlTable
{
    public static string Render(DataFrame frame, int maxRows = 50)
    {
        var html = new StringBuilder("<table>\n<thead><tr>");
        var numeric = frame.Columns.Select(c => c.DataType != typeof(string) && c.DataType != typeof(bool)).ToArray();
        for (int i = 0; i < frame.Columns.Count; i++)
            html.Append(numeric[i] ? "<th class=\"num\">" : "<th>").Append(WebUtility.HtmlEncode(frame.Columns[i].Name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        var rows = Math.Min(frame.Rows.Count, maxRows);
        for (long row = 0; row < rows; row++)
        {
            html.Append("<tr>");
            for (int i = 0; i < frame.Columns.Count; i++)
                html.Append(numeric[i] ? "<td class=\"num\">" : "<td>")
                    .Append(WebUtility.HtmlEncode(TableWriter.TextCell(frame.Columns[i][row]))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (frame.Rows.Count > maxRows)
            html.Append($"<p><em>{frame.Rows.Count - maxRows:N0} more rows not shown.</em></p>\n");
        return html.ToString();
    }
}

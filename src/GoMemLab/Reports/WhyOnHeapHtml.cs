using System.Globalization;
using System.Net;
using System.Text;
using GoMemLab.Joins;
using GoMemLab.Tables;

namespace GoMemLab.Reports;

/// <summary>
/// The "why on the heap" rows as an HTML table people can read on one screen: sites relative to their common
/// module prefix, bytes as pprof prints them (exact bytes in the cell's tooltip), retention as a percentage, the
/// kind and cause together, and the flow in its own wide column. The exact table is <see cref="WhyOnHeap.ToDataFrame"/>.
/// </summary>
public static class WhyOnHeapHtml
{
    private const string Style = "<style>.why td,.why th{font-size:.85em}.why td.site,.why td.num{white-space:nowrap}.why "
        + "td.flow{min-width:28em}"
        + ".why small{color:#57606a}</style>\n";

    /// <summary>Renders at most <paramref name="maxRows"/> rows; <paramref name="withReason"/> shows the reason column instead of the
    /// flow.</summary>
    public static string Render(IReadOnlyList<WhyOnHeapRow> rows, int maxRows = 60, bool withReason = false)
    {
        var prefix = CommonPrefix(rows.Where(r => r.File.Length > 0 && !r.File.StartsWith('/')).Select(r => r.Site).ToList());
        var html = new StringBuilder(Style);
        if (prefix.Length > 0) html.Append($"<p><small>Sites are relative to <code>{Encode(prefix)}</code>.</small></p>\n");
        html.Append("<div style=\"overflow-x:auto\"><table class=\"why\">\n<thead><tr><th>site</th><th class=\"num\">alloc</th><th "
            + "class=\"num\">inuse</th><th class=\"num\">kept</th><th>status</th><th>why</th><th>asm call</th>")
            .Append(withReason ? "<th>reason</th>" : "<th>flow</th>").Append("</tr></thead>\n<tbody>\n");
        foreach (var r in rows.Take(maxRows))
        {
            var site = prefix.Length > 0 && r.Site.StartsWith(prefix, StringComparison.Ordinal) ? r.Site[prefix.Length..] : r.Site;
            var why = r.EscapeKind.Length == 0 || r.EscapeKind == "none" ? r.Cause : $"{r.EscapeKind}: {r.Cause}";
            html.Append("<tr>")
                .Append($"<td class=\"site\">{Encode(site)}<br><small>{Encode(ShortFunction(r.Function))}</small></td>")
                .Append(Bytes(r.AllocSpace)).Append(Bytes(r.InuseSpace))
                .Append("<td "
                    + "class=\"num\">"
                    + (r.RetentionRatio is { } k ? (k * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "") + "</td>")
                .Append($"<td>{Encode(r.Status.ToText())}</td><td>{Encode(why)}</td>")
                .Append($"<td>{Encode(r.AssemblyCall.Replace("runtime.", ""))}</td>")
                .Append($"<td class=\"flow\">{Encode(withReason ? r.Reason : r.Flow)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table></div>\n");
        if (rows.Count > maxRows) html.Append($"<p><em>{rows.Count - maxRows:N0} more rows not shown (the full table: "
            + "WhyOnHeap.ToDataFrame, or gomemlab why on the command line).</em></p>\n");
        return html.ToString();
    }

    private static string Bytes(long bytes) =>
        $"<td class=\"num\" title=\"{bytes.ToString(CultureInfo.InvariantCulture)} "
            + $"bytes\">{(bytes == 0 ? "0" : ByteSize.Format(bytes))}</td>";

    private static string ShortFunction(string function)
    {
        var slash = function.LastIndexOf('/');
        return slash < 0 ? function : function[(slash + 1)..];
    }

    // The longest prefix ending in '/' that every site shares (the module path), "" when they share none.
    private static string CommonPrefix(IReadOnlyList<string> sites)
    {
        if (sites.Count == 0) return "";
        var prefix = sites[0];
        foreach (var s in sites)
        {
            var n = 0;
            while (n < prefix.Length && n < s.Length && prefix[n] == s[n]) n++;
            prefix = prefix[..n];
        }
        var slash = prefix.LastIndexOf('/');
        return slash < 0 ? "" : prefix[..(slash + 1)];
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}

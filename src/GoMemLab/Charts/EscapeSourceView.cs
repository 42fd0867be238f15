using System.Net;
using System.Text;
using GoMemLab.Escape;
using GoMemLab.Inputs;

namespace GoMemLab.Charts;

/// <summary>
/// A Go source file rendered as HTML with each line's compiler decisions beside it, like gopls'
/// "compiler details" view: heap decisions in red, leaks in orange, does-not-escape in green,
/// inlining in grey; hovering a decision shows its <c>-m=2</c> flow. The log's file names are
/// matched to the source by trailing path segments (the log prints paths relative to the build
/// directory). The HTML is a fragment with inline styles, no script; embed it with
/// <see cref="OfflineHtmlPage.AddHtml"/> or display it in a notebook.
/// </summary>
public static class EscapeSourceView
{
    /// <summary>Renders <paramref name="goFile"/> with the diagnostics <paramref name="log"/> has for it.</summary>
    /// <exception cref="InputFormatException">The source file is missing or unreadable.</exception>
    public static string ToHtml(EscapeLog log, string goFile)
    {
        string[] lines;
        using (var stream = InputFile.OpenRead(goFile))
        using (var reader = new StreamReader(stream))
            lines = reader.ReadToEnd().Replace("\r\n", "\n").Split('\n');
        var full = Path.GetFullPath(goFile);
        var byLine = log.Diagnostics.Where(d => d.Line > 0 && LoggedPath.SameFile(full, d.File)).ToLookup(d => d.Line);

        var html = new StringBuilder();
        html.Append("<div class=\"gomemlab-source\" style=\"font-family:monospace;font-size:12px\">\n");
        html.Append($"<div style=\"font-weight:bold;margin:.3em 0\">{Encode(Path.GetFileName(goFile))} — {byLine.Sum(g => g.Count())} "
            + $"decisions from {Encode(Path.GetFileName(log.Source))}</div>\n");
        html.Append("<table style=\"border-collapse:collapse\">\n");
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            html.Append("<tr style=\"vertical-align:top\">");
            html.Append($"<td style=\"color:#999;text-align:right;padding-right:.8em\">{number}</td>");
            html.Append($"<td style=\"white-space:pre;padding-right:2em\">{Encode(lines[i])}</td><td>");
            foreach (var d in byLine[number])
                html.Append($"<span title=\"{Encode(Explanation(log, d)).Replace("\n", "&#10;")}\" style=\"display:inline-block;margin:0 "
                    + $".3em .1em 0;padding:0 .3em;border-radius:3px;{Colour(d.Kind)}\">{Encode(d.Message)}</span>");
            html.Append("</td></tr>\n");
        }
        html.Append("</table></div>\n");
        return html.ToString();
    }

    private static string Explanation(EscapeLog log, EscapeDiagnostic d)
    {
        var text = new StringBuilder($"{d.File}:{d.Line}:{d.Column} {d.Kind.ToText()}");
        foreach (var s in log.StepsOf(d)) text.Append('\n').Append(s.Kind == FlowStepKind.From ? "    " : "  ").Append(s.Text);
        return text.ToString();
    }

    private static string Colour(EscapeKind kind) => kind switch
    {
        EscapeKind.MovedToHeap or EscapeKind.EscapesToHeap => "background:#fdd;color:#900",
        EscapeKind.LeakingParam or EscapeKind.LeakingParamContent or EscapeKind.LeakingParamToResult or EscapeKind.ParamLeaks
            => "background:#fec;color:#840",
        EscapeKind.DoesNotEscape => "background:#dfd;color:#060",
        _ => "background:#eee;color:#555",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

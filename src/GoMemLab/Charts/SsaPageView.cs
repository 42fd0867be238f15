using System.Net;

namespace GoMemLab.Charts;

/// <summary>
/// GOSSAFUNC's ssa.html embedded in a notebook cell or report, whole and working (its script highlights values and
/// expands columns) yet unable to touch the page around it: the page goes into an <c>&lt;iframe srcdoc&gt;</c>,
/// HTML-encoded as an attribute value (so no character of it can close the attribute or the element), with
/// <c>sandbox="allow-scripts"</c> and no <c>allow-same-origin</c> (so its script runs in an opaque origin and cannot
/// reach the notebook's DOM, cookies or storage). The page needs no network: Go writes its CSS and script inline.
/// </summary>
public static class SsaPageView
{
    /// <summary>Pages larger than this are not embedded (a notebook carrying megabytes per cell becomes slow); see <see
    /// cref="ToHtml"/>.</summary>
    public const int MaxEmbeddedBytes = 8 * 1024 * 1024;

    /// <summary>
    /// The iframe for <paramref name="ssaHtml"/>, <paramref name="height"/> pixels high; a page over
    /// <see cref="MaxEmbeddedBytes"/> gives a one-line note naming <paramref name="savedAs"/> instead.
    /// </summary>
    public static string ToHtml(string ssaHtml, string title, int height = 640, string? savedAs = null)
    {
        if (ssaHtml.Length > MaxEmbeddedBytes)
            return $"<p>{WebUtility.HtmlEncode(title)}: the page is {ssaHtml.Length / (1 << 20)} MiB, too large to embed; "
                + $"open {WebUtility.HtmlEncode(savedAs ?? "the saved ssa.html")} in a browser.</p>";
        return $"<iframe class=\"gomemlab-ssa\" title=\"{WebUtility.HtmlEncode(title)}\" sandbox=\"allow-scripts\" "
            + $"style=\"width:100%;height:{height}px;border:1px solid #d0d7de\" srcdoc=\"{WebUtility.HtmlEncode(ssaHtml)}\"></iframe>";
    }
}

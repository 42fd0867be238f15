using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GoMemLab.Inputs;

namespace GoMemLab.Ssa;

/// <summary>
/// Reads the page <c>GOSSAFUNC=F go build</c> writes (Go's <c>cmd/compile/internal/ssa/html.go</c>, checked on Go 1.19):
/// a <c>&lt;h1&gt;</c> with the function name and one table row of columns, each a <c>&lt;td id="PHASES-exp"&gt;</c> headed by
/// one <c>&lt;h2&gt;</c> per phase (<c>opt &lt;span class="stats"&gt;[1234 ns]&lt;/span&gt;</c>). SSA columns hold
/// <c>ul.ssa-print-func</c> blocks of <c>li.ssa-long-value</c> values (class <c>dead-value</c> when faded); the
/// <c>sources</c>, <c>AST</c> and <c>genssa</c> (assembly) columns have their own shapes. Parsed with AngleSharp's HTML5
/// parser; the structure is then checked, so a page of another kind is refused with one line.
/// </summary>
public static partial class SsaHtmlReader
{
    /// <summary>Parses the bytes of an ssa.html; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InputFormatException">Binary content, or HTML without the page's function title and SSA columns.</exception>
    public static SsaDump Read(byte[] bytes, string source, CancellationToken cancel = default)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (head.IndexOf((byte)0) is var nul and >= 0)
            throw new InputFormatException(source, "is binary (a NUL byte), expected the ssa.html GOSSAFUNC writes", offset: nul);
        var text = Encoding.UTF8.GetString(bytes);
        if (!text.Contains("ssa-print-func", StringComparison.Ordinal))
            throw new InputFormatException(source, "is not the ssa.html GOSSAFUNC writes: no SSA column (ul.ssa-print-func) in it");
        CheckNesting(text, source);
        cancel.ThrowIfCancellationRequested();
        var document = new HtmlParser().ParseDocument(text);
        var function = document.QuerySelector("body > h1")?.TextContent.Trim();
        if (string.IsNullOrEmpty(function))
            throw new InputFormatException(source, "is not the ssa.html GOSSAFUNC writes: no <h1> with the function name");

        var columns = new List<SsaColumn>();
        var sources = new List<string>();
        var ast = new List<SsaAstName>();
        var program = new List<SsaInstruction>();
        var number = 0;
        foreach (var cell in document.QuerySelectorAll("td").Where(c => c.Id?.EndsWith("-exp", StringComparison.Ordinal) == true))
        {
            cancel.ThrowIfCancellationRequested();
            number++;
            var titles = cell.Children.Where(c => c.LocalName == "h2").ToList();
            var first = titles.Count > 0 ? PhaseName(titles[0]) : "";
            if (first == "sources") sources.AddRange(cell.QuerySelectorAll("strong").Select(s => s.TextContent.Trim()));
            else if (first == "AST") ast.AddRange(AstNames(cell));
            else if (cell.ClassList.Contains("ssa-prog")) program.AddRange(Instructions(cell));
            else if (cell.QuerySelector("ul.ssa-print-func") is not null)
                columns.Add(new SsaColumn(number, titles.Select(PhaseName).ToList(), titles.Select(PhaseTime).ToList(),
                    cell.QuerySelectorAll("li.ssa-start-block").Length, cell.QuerySelectorAll("li.ssa-long-value").Select(Value).ToList())
                {
                    Text = string.Concat(cell.QuerySelectorAll("ul.ssa-print-func").Select(u => u.InnerHtml)),
                });
        }
        if (columns.Count == 0)
            throw new InputFormatException(source,
                "is not the ssa.html GOSSAFUNC writes: no phase column (td id=…-exp) shows the function in SSA form");
        return new SsaDump(source, function, sources.Distinct().ToList(), ast.Distinct().ToList(), columns, program);
    }

    /// <summary>Deeper than this, a page is refused before parsing: GOSSAFUNC's pages nest about ten elements deep.</summary>
    public const int MaxNesting = 500;

    // The HTML5 tree builder scans the stack of open elements for some start tags (li, p, formatting elements), so a
    // hostile page of 100,000 nested <li> takes minutes (measured); a linear scan of the tags refuses it first.
    private static void CheckNesting(string text, string source)
    {
        int depth = 0, max = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] != '<') continue;
            if (text[i + 1] == '/') { depth = Math.Max(0, depth - 1); continue; }
            if (!char.IsAsciiLetter(text[i + 1])) continue;
            var end = i + 1;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end])) end++;
            var name = text[(i + 1)..end].ToLowerInvariant();
            if (name is "script" or "style")
            {
                // Their content is text (a script compares with <): continue after the closing tag.
                var close = text.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? text.Length : close;
                continue;
            }
            var tagEnd = text.IndexOf('>', end);
            var selfClosing = tagEnd > 0 && text[tagEnd - 1] == '/';
            if (selfClosing || VoidElements.Contains(name)) continue;
            if (++depth > max) max = depth;
            if (max > MaxNesting)
                throw new InputFormatException(source, $"nests elements more than {MaxNesting} deep; GOSSAFUNC's ssa.html nests about ten",
                    offset: i);
        }
    }

    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    private static string PhaseName(IElement title)
    {
        var stats = title.QuerySelector("span.stats")?.TextContent ?? "";
        var text = title.TextContent;
        return (stats.Length > 0 && text.EndsWith(stats, StringComparison.Ordinal) ? text[..^stats.Length] : text).Trim();
    }

    private static long? PhaseTime(IElement title) =>
        title.QuerySelector("span.stats")?.TextContent is { } stats && StatsTime().Match(stats) is { Success: true } m
        && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) ? ns : null;

    private static SsaValue Value(IElement item)
    {
        var text = item.TextContent.Trim();
        var dead = item.ClassList.Contains("dead-value");
        var m = ValueLine().Match(text);
        if (!m.Success) return new SsaValue("", null, "", "", text, dead);
        var rest = text[m.Length..];
        var type = "";
        if (rest.StartsWith(" <", StringComparison.Ordinal))
        {
            // The type may itself hold angle brackets (chan<- int): take the span up to the matching '>'.
            var depth = 0;
            for (var i = 1; i < rest.Length; i++)
            {
                depth += rest[i] == '<' ? 1 : rest[i] == '>' ? -1 : 0;
                if (depth != 0) continue;
                type = rest[2..i];
                rest = rest[(i + 1)..];
                break;
            }
        }
        return new SsaValue(m.Groups[1].Value, LineNumber(m.Groups[2].Value), m.Groups[3].Value, type, rest, dead);
    }

    private static IEnumerable<SsaAstName> AstNames(IElement column)
    {
        foreach (var line in column.QuerySelectorAll("div.ast"))
            if (AstName().Match(line.TextContent) is { Success: true } m)
                yield return new SsaAstName(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value);
    }

    private static IEnumerable<SsaInstruction> Instructions(IElement column)
    {
        string? fromValue = null;
        foreach (var item in column.QuerySelectorAll("dl.ssa-gen > *"))
        {
            if (item.LocalName == "dt")
            {
                fromValue = item.QuerySelector("span.ssa-value")?.TextContent.Trim();
                continue;
            }
            if (item.LocalName != "dd" || Instruction().Match(item.TextContent) is not { Success: true } m) continue;
            yield return new SsaInstruction(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), LineNumber(m.Groups[2].Value),
                m.Groups[3].Value.Replace('\t', ' ').Trim(), fromValue);
        }
    }

    // "(+7)" is a statement boundary, "(7)" a line, "(?)" none.
    private static int? LineNumber(string text) =>
        int.TryParse(text.Trim().TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;

    [GeneratedRegex(@"^(v\d+) \(([^)]*)\) = (\S+)")]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"\[(\d+) ns\]")]
    private static partial Regex StatsTime();

    [GeneratedRegex(@"NAME-(\S+) esc\((\w+)\) Class:(\w+).*# (\S+)\s*$")]
    private static partial Regex AstName();

    [GeneratedRegex(@"^\s*(\d+) \(([^)]*)\) (.*)$", RegexOptions.Singleline)]
    private static partial Regex Instruction();
}

using System.Text.RegularExpressions;
using GoMemLab.Inputs;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>
/// Checks a log against <c>// ERROR "regex" "regex"…</c> annotations in Go sources, the convention of
/// golang/go's <c>test/escape*.go</c>: the text between the double quotes is the regular expression
/// as is (no unquoting), matched unanchored against the message. On an annotated file, each regex
/// must match at least one diagnostic of its line (else "unmet") and each diagnostic must be matched
/// by at least one regex of its line (else "unexpected", also for lines with no annotation).
/// A log file matches a source when the source's path ends with the log's path. Annotations describe
/// plain <c>-m</c> output; on a <c>-m=2</c> log what only <c>-m=2</c> prints (param-leaks, cannot-inline,
/// "F capturing by value/ref: x", unmatched explanations) is not checked, and "can inline F with cost…"
/// still matches "can inline F".
/// </summary>
public static class EscapeExpectations
{
    /// <summary>One annotation regex on one source line.</summary>
    public sealed record Expectation(string SourceFile, int Line, string Pattern);

    /// <summary>One finding; Status is "unmet" (Pattern set) or "unexpected" (Diagnostic set).</summary>
    public sealed record Finding(string Status, string SourceFile, int Line, int Column, string Pattern, string Message);

    /// <summary>Reads the annotations of one .go file, or of every .go file directly in a directory.</summary>
    /// <exception cref="InputFormatException">Missing path or no .go file.</exception>
    public static IReadOnlyList<Expectation> Read(string fileOrDirectory)
    {
        var files = Directory.Exists(fileOrDirectory)
            ? Directory.EnumerateFiles(fileOrDirectory, "*.go").OrderBy(f => f, StringComparer.Ordinal).ToList()
            : [fileOrDirectory];
        if (files.Count == 0) throw new InputFormatException(fileOrDirectory, "has no .go files to read // ERROR annotations from");
        var result = new List<Expectation>();
        foreach (var file in files)
        {
            using var stream = InputFile.OpenRead(file);
            using var reader = new StreamReader(stream);
            var full = Path.GetFullPath(file);
            var number = 0;
            // A file with no annotation still counts: every diagnostic on it is then unexpected.
            result.Add(new Expectation(full, 0, ""));
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                number++;
                var marker = line.IndexOf("// ERROR ", StringComparison.Ordinal);
                if (marker < 0) continue;
                var rest = line.AsSpan(marker + 9);
                while (true)
                {
                    var open = rest.IndexOf('"');
                    if (open < 0) break;
                    var close = rest[(open + 1)..].IndexOf('"');
                    if (close < 0) break;
                    result.Add(new Expectation(full, number, rest.Slice(open + 1, close).ToString()));
                    rest = rest[(open + close + 2)..];
                }
            }
        }
        return result;
    }

    /// <summary>Checks <paramref name="log"/> against <paramref name="expectations"/>; an empty result means all met.</summary>
    public static IReadOnlyList<Finding> Check(EscapeLog log, IReadOnlyList<Expectation> expectations)
    {
        var sources = expectations.Select(e => e.SourceFile).Distinct().ToList();
        var levelTwo = log.FlowStepCount > 0 || log.Diagnostics.Any(d => d.Kind is EscapeKind.CannotInline or EscapeKind.ParamLeaks);
        var byLine = new Dictionary<(string, int), List<EscapeDiagnostic>>();
        foreach (var d in log.Diagnostics)
        {
            if (levelTwo && IsLevelTwoOnly(d)) continue;
            var source = sources.FirstOrDefault(s => LoggedPath.SameFile(s, d.File));
            if (source is null) continue;
            if (!byLine.TryGetValue((source, d.Line), out var list)) byLine[(source, d.Line)] = list = [];
            list.Add(d);
        }
        var findings = new List<Finding>();
        var matched = new HashSet<int>();
        foreach (var e in expectations.Where(e => e.Line > 0))
        {
            Regex regex;
            try { regex = new Regex(e.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
            catch (ArgumentException x) { throw new InputFormatException(e.SourceFile, $"// ERROR \"{e.Pattern}\" is not a valid regular expression ({x.Message})", line: e.Line, inner: x); }
            var hits = byLine.TryGetValue((e.SourceFile, e.Line), out var list) ? list.Where(d => regex.IsMatch(d.Message)).ToList() : [];
            if (hits.Count == 0) findings.Add(new Finding("unmet", e.SourceFile, e.Line, 0, e.Pattern, ""));
            foreach (var d in hits) matched.Add(d.Index);
        }
        foreach (var ((source, _), list) in byLine)
            foreach (var d in list.Where(d => !matched.Contains(d.Index)))
                findings.Add(new Finding("unexpected", source, d.Line, d.Column, "", d.Message));
        return findings.OrderBy(f => f.SourceFile, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Status, StringComparer.Ordinal).ToList();
    }

    /// <summary>Columns: status, file, line, column, expected, message.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<Finding> findings) => new(
        new StringDataFrameColumn("status", findings.Select(f => f.Status)),
        new StringDataFrameColumn("file", findings.Select(f => f.SourceFile)),
        new Int32DataFrameColumn("line", findings.Select(f => f.Line)),
        new Int32DataFrameColumn("column", findings.Select(f => f.Column)),
        new StringDataFrameColumn("expected", findings.Select(f => f.Pattern)),
        new StringDataFrameColumn("message", findings.Select(f => f.Message)));

    private static bool IsLevelTwoOnly(EscapeDiagnostic d) =>
        d.Kind is EscapeKind.ParamLeaks or EscapeKind.CannotInline
        || (d.Kind == EscapeKind.Other && (d.Message.Contains(" capturing by ", StringComparison.Ordinal) || d.Message.EndsWith(" escapes to heap:", StringComparison.Ordinal)));
}

using System.Text.RegularExpressions;
using GoMemLab.Inputs;

namespace GoMemLab.Escape;

/// <summary>
/// The <c>// ERROR "regex" "regex"…</c> annotations of Go sources, the convention of golang/go's
/// <c>test/escape*.go</c>, and the check of a log against them. The text between the double quotes is the regular
/// expression as is (no unquoting), matched unanchored against the message. On an annotated file, each regex
/// must match at least one diagnostic of its line (else <see cref="EscapeFindingStatus.Unmet"/>) and each diagnostic
/// must be matched by at least one regex of its line (else <see cref="EscapeFindingStatus.Unexpected"/>, also for
/// lines with no annotation). A log file matches a source when the source's path ends with the log's path.
/// Annotations describe plain <c>-m</c> output; on a <c>-m=2</c> log what only <c>-m=2</c> prints (param-leaks,
/// cannot-inline, "F capturing by value/ref: x", unmatched explanations) is not checked, and "can inline F with
/// cost…" still matches "can inline F".
/// </summary>
public sealed class EscapeExpectations
{
    /// <summary>One annotation regex on one source line.</summary>
    public sealed record Expectation(string SourceFile, int Line, string Pattern);

    /// <summary>One finding: an unmet annotation (<see cref="Pattern"/> set) or an unexpected diagnostic (<see cref="Message"/>
    /// set).</summary>
    public sealed record Finding(EscapeFindingStatus Status, string SourceFile, int Line, int Column, string Pattern, string Message);

    private EscapeExpectations(IReadOnlyList<string> files, IReadOnlyList<Expectation> expectations)
    {
        Files = files;
        Expectations = expectations;
    }

    /// <summary>The .go files read (full paths), with or without annotations: every diagnostic on them is checked.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every annotation regex, in file and line order.</summary>
    public IReadOnlyList<Expectation> Expectations { get; }

    /// <summary>Reads the annotations of one .go file, or of every .go file directly in a directory.</summary>
    /// <exception cref="InputFormatException">Missing path or no .go file.</exception>
    public static EscapeExpectations Load(string fileOrDirectory, CancellationToken cancel = default)
    {
        var files = Directory.Exists(fileOrDirectory)
            ? Directory.EnumerateFiles(fileOrDirectory, "*.go").OrderBy(f => f, StringComparer.Ordinal).ToList()
            : [fileOrDirectory];
        if (files.Count == 0) throw new InputFormatException(fileOrDirectory, "has no .go files to read // ERROR annotations from");
        var expectations = new List<Expectation>();
        var full = new List<string>();
        foreach (var file in files)
        {
            cancel.ThrowIfCancellationRequested();
            using var stream = InputFile.OpenRead(file);
            using var reader = new StreamReader(stream);
            var path = Path.GetFullPath(file);
            full.Add(path);
            var number = 0;
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
                    expectations.Add(new Expectation(path, number, rest.Slice(open + 1, close).ToString()));
                    rest = rest[(open + close + 2)..];
                }
            }
        }
        return new EscapeExpectations(full, expectations);
    }

    /// <summary>Checks <paramref name="log"/> against the annotations; a result without findings means all met.</summary>
    /// <exception cref="InputFormatException">An annotation's regex is invalid (names its file and line).</exception>
    public EscapeFindings Check(EscapeLog log)
    {
        var levelTwo = log.FlowStepCount > 0 || log.Diagnostics.Any(d => d.Kind is EscapeKind.CannotInline or EscapeKind.ParamLeaks);
        var byLine = new Dictionary<(string, int), List<EscapeDiagnostic>>();
        foreach (var d in log.Diagnostics)
        {
            if (levelTwo && IsLevelTwoOnly(d)) continue;
            var source = Files.FirstOrDefault(s => LoggedPath.SameFile(s, d.File));
            if (source is null) continue;
            if (!byLine.TryGetValue((source, d.Line), out var list)) byLine[(source, d.Line)] = list = [];
            list.Add(d);
        }
        var findings = new List<Finding>();
        var matched = new HashSet<int>();
        foreach (var e in Expectations)
        {
            Regex regex;
            try { regex = new Regex(e.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
            catch (ArgumentException x)
            {
                throw new InputFormatException(e.SourceFile,
                $"// ERROR \"{e.Pattern}\" is not a valid regular expression ({x.Message})", line: e.Line, inner: x);
            }
            var hits = byLine.TryGetValue((e.SourceFile, e.Line), out var list) ? list.Where(d => regex.IsMatch(d.Message)).ToList() : [];
            if (hits.Count == 0) findings.Add(new Finding(EscapeFindingStatus.Unmet, e.SourceFile, e.Line, 0, e.Pattern, ""));
            foreach (var d in hits) matched.Add(d.Index);
        }
        foreach (var ((source, _), list) in byLine)
            foreach (var d in list.Where(d => !matched.Contains(d.Index)))
                findings.Add(new Finding(EscapeFindingStatus.Unexpected, source, d.Line, d.Column, "", d.Message));
        return new EscapeFindings(findings.OrderBy(f => f.SourceFile, StringComparer.Ordinal).ThenBy(f => f.Line)
            .ThenBy(f => f.Status.ToText(), StringComparer.Ordinal).ToList());
    }

    private static bool IsLevelTwoOnly(EscapeDiagnostic d) =>
        d.Kind is EscapeKind.ParamLeaks or EscapeKind.CannotInline
        || (d.Kind == EscapeKind.Other && (d.Message.Contains(" capturing by ", StringComparison.Ordinal)
            || d.Message.EndsWith(" escapes to heap:", StringComparison.Ordinal)));
}

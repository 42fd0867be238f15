using System.Globalization;
using System.Text;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry.Prometheus;

/// <summary>
/// A strict reader of one Prometheus scrape: the text exposition format 0.0.4 (what client_golang's promhttp
/// serves by default) and OpenMetrics 1.0 text (ends with <c># EOF</c>; timestamps in seconds; <c>_created</c>
/// samples, <c># UNIT</c> lines and exemplars). Per the format: lines end with '\n' (a '\r' before it is
/// tolerated), blank lines and comments other than HELP/TYPE/UNIT/EOF are ignored, tokens are separated by
/// spaces or tabs, label values escape <c>\\</c>, <c>\"</c> and <c>\n</c>, values are Go floats (<c>3.85024e+06</c>,
/// <c>NaN</c>, <c>+Inf</c>), and a text-format timestamp is integer milliseconds since the epoch. Names may be
/// quoted inside the braces (<c>{"name",a="b"}</c>, newer expfmt). No NuGet package parses this format (the .NET
/// Prometheus packages only write it), hence this reader; it is fuzzed (target <c>prometheus</c>).
/// Anything else is an <see cref="InputFormatException"/> naming the source and the line: this reader never guesses.
/// </summary>
public static class PrometheusText
{
    /// <summary>The skipped-lines reason under which MemStats loading counts samples of metrics it does not map.</summary>
    public const string OtherMetric = "other metric (ignored)";

    /// <summary>
    /// True when the first non-blank line of <paramref name="text"/> is a HELP/TYPE/EOF comment or a whole sample
    /// (so a log line such as "gc 1 @0.045s 0%: …" is not mistaken for one).
    /// </summary>
    public static bool LooksLikeScrape(string text)
    {
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty) continue;
            if (line.StartsWith("# HELP ") || line.StartsWith("# TYPE ") || line.StartsWith("# EOF")) return true;
            if (line[0] == '#') continue;
            try
            {
                Sample(line.ToString(), "(probe)", 1, openMetrics: false);
                return true;
            }
            catch (InputFormatException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// Parses a whole scrape. Returns its samples in file order; <paramref name="isOpenMetrics"/> tells whether it
    /// ended with <c># EOF</c>. Throws <see cref="InputFormatException"/> for a malformed line, a line after
    /// <c># EOF</c>, or a TYPE naming an unknown type; a cancel is seen every 4,096 lines.
    /// </summary>
    public static IReadOnlyList<PrometheusSample> Parse(string text, string source, out bool isOpenMetrics,
        CancellationToken cancel = default)
    {
        var lines = text.Split('\n');
        // The trailing newline of the last line leaves one empty element.
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        int eof = -1;
        for (int i = count - 1; i >= 0; i--)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0) continue;
            if (line == "# EOF") eof = i;
            break;
        }
        isOpenMetrics = eof >= 0;
        var samples = new List<PrometheusSample>();
        var sawEof = false;
        for (int i = 0; i < count; i++)
        {
            if ((i & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            long lineNumber = i + 1;
            var trimmed = line.Trim(' ', '\t');
            if (trimmed.Length == 0) continue;
            if (trimmed[0] == '#')
            {
                if (trimmed == "# EOF")
                {
                    if (i == eof) break;
                    sawEof = true;
                    continue;
                }
                Comment(trimmed, source, lineNumber);
                continue;
            }
            if (sawEof) throw new InputFormatException(source, "has a sample after \"# EOF\"", line: lineNumber);
            samples.Add(Sample(trimmed, source, lineNumber, isOpenMetrics));
        }
        return samples;
    }

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "counter", "gauge", "histogram", "summary", "untyped", "unknown", "gaugehistogram", "stateset", "info",
    };

    private static void Comment(string line, string source, long lineNumber)
    {
        var tokens = line[1..].Split([' ', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) return;
        switch (tokens[0])
        {
            case "HELP" or "UNIT":
                if (tokens.Length < 2 || !IsName(tokens[1]))
                    throw new InputFormatException(source, $"# {tokens[0]} needs a metric name", line: lineNumber);
                return;
            case "TYPE":
                if (tokens.Length < 3 || !IsName(tokens[1]))
                    throw new InputFormatException(source, "# TYPE needs a metric name and a type", line: lineNumber);
                if (!Types.Contains(tokens[2]) || tokens.Length > 3)
                    throw new InputFormatException(source, $"# TYPE {tokens[1]}: unknown type \"{Shorten(string.Join(' ', tokens[2..]))}\" "
                        + "(expected counter, gauge, histogram, summary or untyped)", line: lineNumber);
                return;
            default:
                return; // any other comment is ignored, as the format says
        }
    }

    private static PrometheusSample Sample(string line, string source, long lineNumber, bool openMetrics)
    {
        var c = new Cursor(line, source, lineNumber);
        string? name = null;
        var labels = new List<KeyValuePair<string, string>>();
        if (c.Peek != '{') name = c.Name(metric: true);
        // The format allows blanks between every token, also between the name and its labels.
        var blank = c.Blank();
        if (c.Peek == '{')
        {
            c.Advance();
            c.SkipBlanks();
            bool first = true;
            while (c.Peek != '}')
            {
                if (!first) { c.Expect(','); c.SkipBlanks(); if (c.Peek == '}') break; }
                first = false;
                if (c.Peek == '"')
                {
                    var quoted = c.Quoted();
                    c.SkipBlanks();
                    if (c.Peek != '=')
                    {
                        // {"metric name", …}: a quoted name inside the braces (expfmt for names beyond the legacy charset).
                        if (name is not null) throw c.Error("has two metric names");
                        name = quoted;
                        c.SkipBlanks();
                        continue;
                    }
                    AddLabel(labels, quoted, c);
                }
                else AddLabel(labels, c.Name(metric: false), c);
                c.SkipBlanks();
            }
            c.Advance();
            blank = c.Blank();
        }
        if (string.IsNullOrEmpty(name)) throw c.Error("has no metric name");
        if (!blank || c.AtEnd) throw c.Error("expected a space before the value");
        var value = ParseValue(c.Token(), c);
        DateTimeOffset? timestamp = null;
        if (c.Blank() && !c.AtEnd && c.Peek != '#')
        {
            var token = c.Token();
            timestamp = openMetrics ? SecondsTimestamp(token, c) : MillisecondsTimestamp(token, c);
            c.Blank();
        }
        // OpenMetrics exemplar: " # {labels} value [timestamp]"; its figures are no MemStats, so only its presence is checked.
        if (openMetrics && !c.AtEnd && c.Peek == '#') c.SkipRest();
        if (!c.AtEnd) throw c.Error($"unexpected \"{Shorten(c.Rest)}\" after the value");
        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = 1; i < labels.Count; i++)
            if (labels[i].Key == labels[i - 1].Key) throw c.Error($"repeats the label {labels[i].Key}");
        return new PrometheusSample(name, labels, value, timestamp, lineNumber);
    }

    private static void AddLabel(List<KeyValuePair<string, string>> labels, string labelName, Cursor c)
    {
        c.SkipBlanks();
        c.Expect('=');
        c.SkipBlanks();
        if (c.Peek != '"') throw c.Error($"label {labelName}: expected a quoted value");
        labels.Add(new(labelName, c.Quoted()));
    }

    private static double ParseValue(string token, Cursor c)
    {
        switch (token.ToLowerInvariant())
        {
            case "nan": return double.NaN;
            case "+inf" or "inf" or "+infinity" or "infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
        }
        foreach (var ch in token)
            if (!(char.IsAsciiDigit(ch) || ch is '.' or 'e' or 'E' or '+' or '-'))
                throw c.Error($"value \"{Shorten(token)}\" is not a number");
        if (!double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value))
            throw c.Error($"value \"{Shorten(token)}\" is not a number");
        return value;
    }

    private static DateTimeOffset MillisecondsTimestamp(string token, Cursor c)
    {
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            || ms < -62135596800000 || ms > 253402300799999)
            throw c.Error($"timestamp \"{Shorten(token)}\" is not milliseconds since the epoch");
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static DateTimeOffset SecondsTimestamp(string token, Cursor c)
    {
        if (!double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var seconds) || !(seconds > -62135596800) || !(seconds < 253402300799))
            throw c.Error($"timestamp \"{Shorten(token)}\" is not seconds since the epoch");
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }

    private static bool IsName(string token)
    {
        if (token.Length == 0) return false;
        for (int i = 0; i < token.Length; i++) if (!IsNameChar(token[i], i == 0)) return false;
        return true;
    }

    private static bool IsNameChar(char ch, bool first) =>
        char.IsAsciiLetter(ch) || ch is '_' or ':' || (!first && char.IsAsciiDigit(ch));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private sealed class Cursor(string line, string source, long lineNumber)
    {
        private int _at;

        public bool AtEnd => _at >= line.Length;
        public char Peek => AtEnd ? '\0' : line[_at];
        public string Rest => line[_at..];

        public void Advance() => _at++;
        public void SkipRest() => _at = line.Length;

        public void SkipBlanks()
        {
            while (!AtEnd && line[_at] is ' ' or '\t') _at++;
        }

        /// <summary>Skips spaces and tabs; true when there was at least one.</summary>
        public bool Blank()
        {
            int start = _at;
            SkipBlanks();
            return _at > start;
        }

        public void Expect(char ch)
        {
            if (Peek != ch) throw Error(AtEnd ? $"ends where '{ch}' was expected" : $"expected '{ch}' at column {_at + 1}, found '{Peek}'");
            _at++;
        }

        public string Name(bool metric)
        {
            int start = _at;
            while (!AtEnd && (metric ? IsNameChar(line[_at], _at == start) : char.IsAsciiLetter(line[_at]) || line[_at] == '_'
                       || (_at > start && char.IsAsciiDigit(line[_at])))) _at++;
            if (_at == start) throw Error($"expected a {(metric ? "metric" : "label")} name at column {start + 1}");
            return line[start.._at];
        }

        public string Token()
        {
            int start = _at;
            while (!AtEnd && line[_at] is not (' ' or '\t')) _at++;
            if (_at == start) throw Error("has no value");
            return line[start.._at];
        }

        public string Quoted()
        {
            Expect('"');
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("has an unterminated quoted string");
                var ch = line[_at++];
                if (ch == '"') return value.ToString();
                if (ch != '\\') { value.Append(ch); continue; }
                if (AtEnd) throw Error("ends inside an escape");
                var escaped = line[_at++];
                value.Append(escaped switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    _ => throw Error($"has an unknown escape \\{escaped} (only \\\\, \\\" and \\n are allowed)"),
                });
            }
        }

        public InputFormatException Error(string problem) => new(source, $"malformed sample: {problem}", line: lineNumber);
    }
}

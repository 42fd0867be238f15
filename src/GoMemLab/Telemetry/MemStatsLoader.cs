using System.Text;
using System.Text.Json;
using GoMemLab.Inputs;
using GoMemLab.Telemetry.Prometheus;
using GoMemLab.Telemetry.RuntimeMetrics;

namespace GoMemLab.Telemetry;

/// <summary>
/// Reads MemStats readings from files, recognising the format by content (never by name), for
/// <see cref="MemStatsSeries.Load(string, CancellationToken)"/>:
/// <list type="bullet">
/// <item>a debug=1 heap profile (it has a <c># runtime.MemStats</c> line): its trailer, one reading;</item>
/// <item>JSON lines (the first non-blank line is a complete JSON object): one reading per line, each a
/// <c>runtime.MemStats</c> object or a runtime/metrics line; other lines are skipped and counted;</item>
/// <item>JSON documents: expvar <c>/debug/vars</c> bodies (pretty-printed, concatenated, or an array), or Prometheus
/// HTTP API answers (query_range or query); a syntax error is fatal, with its line;</item>
/// <item>a Prometheus scrape (text format 0.0.4 or OpenMetrics): one reading per label set.</item>
/// </list>
/// Gzip is accepted. Query answers from several files combine by label set and time, so one file per metric
/// gives one series per instance. A file yielding no reading throws <see cref="InputFormatException"/>.
/// </summary>
internal static class MemStatsLoader
{
    private const string Expected = "MemStats or runtime/metrics JSON lines, expvar JSON, a Prometheus scrape or query answer, or a "
        + "debug=1 heap profile";

    public static MemStatsSeries Load(string pathOrPattern, CancellationToken cancel) => Load([pathOrPattern], cancel);

    public static MemStatsSeries Load(IReadOnlyList<string> pathsOrPatterns, CancellationToken cancel)
    {
        if (pathsOrPatterns.Count == 0) throw new ArgumentException("no MemStats file given");
        var paths = pathsOrPatterns.SelectMany(Expand).ToList();
        var combined = new Combined();
        foreach (var path in paths)
        {
            cancel.ThrowIfCancellationRequested();
            combined.Add(path, InputFile.ReadAllBytesMaybeGzip(path), paths.Count > 1 ? Path.GetFileName(path) + ": " : "", cancel);
        }
        return combined.Build(string.Join(", ", paths));
    }

    public static MemStatsSeries Parse(byte[] content, string source, CancellationToken cancel = default)
    {
        var combined = new Combined();
        combined.Add(source, content, "", cancel);
        return combined.Build(source);
    }

    // A '*' or '?' in the file-name part matches files in ordinal name order (scrape-1 … scrape-9 sort as written).
    private static IEnumerable<string> Expand(string pathOrPattern)
    {
        var name = Path.GetFileName(pathOrPattern);
        if (name.IndexOfAny(['*', '?']) < 0) return [pathOrPattern];
        var dir = Path.GetDirectoryName(pathOrPattern) is { Length: > 0 } d ? d : ".";
        var matches = Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToArray() : [];
        if (matches.Length == 0) throw new InputFormatException(pathOrPattern, "matches no file");
        // Directory.GetFiles returns dir + name: keep the caller's own spelling of the folder.
        return matches.Select(m => Path.Combine(Path.GetDirectoryName(pathOrPattern) ?? "", Path.GetFileName(m)));
    }

    /// <summary>Readings of one or more files, in file order; query answers are grouped by label set and time at the end.</summary>
    private sealed class Combined
    {
        private readonly List<MemStatsSnapshot> _snapshots = new();
        private readonly List<PrometheusSample> _answerSamples = new();
        private readonly SkippedLines _skipped = new();
        private string? _answerSource;

        public void Add(string source, byte[] content, string reasonPrefix, CancellationToken cancel)
        {
            var skipped = new SkippedLines();
            var text = Encoding.UTF8.GetString(content);
            var before = _snapshots.Count + _answerSamples.Count;
            Read(source, content, text, skipped, cancel);
            _skipped.AddAll(skipped, reasonPrefix);
            if (_snapshots.Count + _answerSamples.Count == before)
                throw new InputFormatException(source, $"holds no MemStats snapshot ({skipped.Describe()})");
        }

        private void Read(string source, byte[] content, string text, SkippedLines skipped, CancellationToken cancel)
        {
            var lines = text.Split('\n');
            if (MemStatsTrailer.Contains(lines))
            {
                var trailer = MemStatsTrailer.Parse(lines, source);
                skipped.AddAll(trailer.Skipped, "");
                _snapshots.Add(trailer.Snapshot);
                return;
            }
            var firstIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
            if (firstIndex < 0)
                throw new InputFormatException(source, "is empty, expected " + Expected);
            var first = lines[firstIndex].Trim();
            if (first.StartsWith('{') && TryParseLine(first) is { } firstJson)
            {
                using (firstJson)
                    if (PrometheusQueryAnswer.IsAnswer(firstJson.RootElement)) { ReadAnswers(content, source); return; }
                ReadJsonLines(lines, skipped, cancel);
            }
            else if (first.StartsWith('{') || first.StartsWith('['))
                ReadJsonDocuments(content, source, skipped);
            else if (PrometheusText.LooksLikeScrape(text))
            {
                var samples = PrometheusText.Parse(text, source, out _, cancel);
                _snapshots.AddRange(PrometheusSnapshots.Build(samples, source, skipped, byTime: false));
            }
            else
                throw new InputFormatException(source, "is not " + Expected, line: firstIndex + 1);
        }

        public MemStatsSeries Build(string source)
        {
            if (_answerSamples.Count > 0)
                _snapshots.AddRange(PrometheusSnapshots.Build(_answerSamples, _answerSource!, _skipped, byTime: true,
                    PrometheusQueryAnswer.Where));
            return MemStatsSeries.GroupedBySeries(source, _snapshots, _skipped);
        }

        private void ReadJsonLines(string[] lines, SkippedLines skipped, CancellationToken cancel)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                if ((i & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                var line = lines[i].Trim();
                if (line.Length == 0) continue;
                long lineNumber = i + 1;
                using var document = TryParseLine(line);
                if (document is null) { skipped.Add(lineNumber, "not JSON (truncated?)"); continue; }
                if (TryReadObject(document.RootElement, lineNumber, out var snapshot, out var reason)) _snapshots.Add(snapshot!);
                else skipped.Add(lineNumber, reason);
            }
        }

        private void ReadJsonDocuments(byte[] content, string source, SkippedLines skipped)
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions
            {
                AllowMultipleValues = true,
                CommentHandling = JsonCommentHandling.Skip
            });
            try
            {
                while (reader.Read())
                {
                    var line = LineAt(content, reader.TokenStartIndex);
                    using var document = JsonDocument.ParseValue(ref reader);
                    var root = document.RootElement;
                    if (PrometheusQueryAnswer.IsAnswer(root)) { AddAnswer(root, source, line); continue; }
                    foreach (var item in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root])
                    {
                        if (TryReadObject(item, line, out var snapshot, out var reason)) _snapshots.Add(snapshot!);
                        else skipped.Add(line, reason);
                    }
                }
            }
            catch (JsonException e)
            {
                throw new InputFormatException(source, $"is not valid JSON ({e.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')})",
                    line: e.LineNumber is { } l ? l + 1 : null, inner: e);
            }
        }

        private void ReadAnswers(byte[] content, string source)
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions { AllowMultipleValues = true });
            try
            {
                while (reader.Read())
                {
                    var line = LineAt(content, reader.TokenStartIndex);
                    using var document = JsonDocument.ParseValue(ref reader);
                    if (!PrometheusQueryAnswer.IsAnswer(document.RootElement))
                        throw new InputFormatException(source, "mixes Prometheus answers with other JSON", line: line);
                    AddAnswer(document.RootElement, source, line);
                }
            }
            catch (JsonException e)
            {
                throw new InputFormatException(source, $"is not valid JSON ({e.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')})",
                    line: e.LineNumber is { } l ? l + 1 : null, inner: e);
            }
        }

        private void AddAnswer(JsonElement root, string source, long line)
        {
            try
            {
                _answerSamples.AddRange(PrometheusQueryAnswer.Samples(root, source, line));
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json refuses to turn invalid UTF-8 in a name or string into a .NET string.
                throw new InputFormatException(source, "has invalid UTF-8 in a name or string", line: line, inner: e);
            }
            _answerSource = _answerSource is null ? source : _answerSource == source ? source : "the query answers";
        }
    }

    private static bool TryReadObject(JsonElement json, long lineNumber, out MemStatsSnapshot? snapshot, out string reason)
    {
        try
        {
            if (RuntimeMetricsJson.IsRuntimeMetrics(json)) return RuntimeMetricsJson.TryRead(json, lineNumber, out snapshot, out reason);
        }
        catch (InvalidOperationException)
        {
            snapshot = null;
            reason = "invalid UTF-8 in a name or string";
            return false;
        }
        return MemStatsJson.TryRead(json, lineNumber, out snapshot, out reason);
    }

    private static JsonDocument? TryParseLine(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long LineAt(byte[] content, long offset)
    {
        long line = 1;
        for (long i = 0; i < offset && i < content.Length; i++) if (content[i] == (byte)'\n') line++;
        return line;
    }
}

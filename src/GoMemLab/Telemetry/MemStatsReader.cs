using System.Text;
using System.Text.Json;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry;

/// <summary>
/// Reads MemStats from files, recognising the format by content:
/// <list type="bullet">
/// <item>a debug=1 heap profile (it has a <c># runtime.MemStats</c> line): its trailer, one snapshot;</item>
/// <item>JSON lines (the first non-blank line is a complete JSON object): one snapshot per line; lines
/// that are not JSON, or JSON that is not MemStats, are skipped and counted;</item>
/// <item>JSON documents (a pretty-printed expvar <c>/debug/vars</c> body, several concatenated, or an
/// array of either): one snapshot per object; a syntax error here is fatal, with its line.</item>
/// </list>
/// Gzip-compressed files are accepted. A file yielding no snapshot throws <see cref="InputFormatException"/>.
/// </summary>
public static class MemStatsReader
{
    /// <summary>Reads one file (any of the formats above).</summary>
    public static MemStatsSeries Read(string path) => Parse(InputFile.ReadAllBytesMaybeGzip(path), path);

    /// <summary>
    /// Reads several files in the given order (e.g. expvar bodies saved one per poll, vars-1.json …
    /// vars-3.json) into one series, numbering snapshots across files.
    /// </summary>
    public static MemStatsSeries ReadMany(IReadOnlyList<string> paths)
    {
        if (paths.Count == 1) return Read(paths[0]);
        var all = new List<MemStatsSnapshot>();
        var skipped = new SkippedLines();
        foreach (var path in paths)
        {
            var one = Read(path);
            foreach (var s in one.Snapshots) all.Add(s with { Sequence = all.Count });
            skipped.AddAll(one.Skipped, Path.GetFileName(path) + ": ");
        }
        return new MemStatsSeries(string.Join(", ", paths), all, skipped);
    }

    /// <summary>
    /// Reads one file, or every file matching a '*' / '?' pattern in the file-name part
    /// (e.g. "leaky-vars-*.json"), in ordinal name order, as one series. A pattern matching nothing is an
    /// <see cref="InputFormatException"/>.
    /// </summary>
    public static MemStatsSeries ReadPathOrPattern(string pathOrPattern)
    {
        var name = Path.GetFileName(pathOrPattern);
        if (name.IndexOfAny(['*', '?']) < 0) return Read(pathOrPattern);
        var dir = Path.GetDirectoryName(pathOrPattern) is { Length: > 0 } d ? d : ".";
        var matches = Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToArray() : [];
        if (matches.Length == 0) throw new InputFormatException(pathOrPattern, "matches no file");
        return ReadMany(matches);
    }

    /// <summary>Parses text already in memory; <paramref name="source"/> names it in errors.</summary>
    public static MemStatsSeries Parse(string text, string source = "(text)") => Parse(Encoding.UTF8.GetBytes(text), source);

    /// <summary>Parses UTF-8 content; <paramref name="source"/> names it in errors.</summary>
    public static MemStatsSeries Parse(byte[] content, string source)
    {
        var text = Encoding.UTF8.GetString(content);
        var lines = text.Split('\n');
        var skipped = new SkippedLines();
        List<MemStatsSnapshot> snapshots;
        if (lines.Any(l => l.TrimEnd('\r') == MemStatsTrailer.Header))
            snapshots = [MemStatsTrailer.Parse(lines, source, skipped)];
        else
        {
            var firstIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
            if (firstIndex < 0) throw new InputFormatException(source, "is empty, expected MemStats JSON, expvar JSON or a debug=1 heap profile");
            var first = lines[firstIndex].Trim();
            if (first.StartsWith('{') && IsCompleteJson(first))
                snapshots = ReadJsonLines(lines, skipped);
            else if (first.StartsWith('{') || first.StartsWith('['))
                snapshots = ReadJsonDocuments(content, source, skipped);
            else
                throw new InputFormatException(source, "is not MemStats JSON lines, expvar /debug/vars JSON or a debug=1 heap profile", line: firstIndex + 1);
        }
        if (snapshots.Count == 0)
            throw new InputFormatException(source, $"holds no MemStats snapshot ({skipped.Describe()})");
        return new MemStatsSeries(source, snapshots, skipped);
    }

    private static bool IsCompleteJson(string line)
    {
        try
        {
            using var _ = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<MemStatsSnapshot> ReadJsonLines(string[] lines, SkippedLines skipped)
    {
        var result = new List<MemStatsSnapshot>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            long lineNumber = i + 1;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                skipped.Add(lineNumber, "not JSON (truncated?)");
                continue;
            }
            using (document)
            {
                if (MemStatsJson.TryRead(document.RootElement, lineNumber, out var snapshot, out var reason))
                    result.Add(snapshot! with { Sequence = result.Count });
                else
                    skipped.Add(lineNumber, reason);
            }
        }
        return result;
    }

    private static List<MemStatsSnapshot> ReadJsonDocuments(byte[] content, string source, SkippedLines skipped)
    {
        var result = new List<MemStatsSnapshot>();
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                var line = LineAt(content, reader.TokenStartIndex);
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
                foreach (var item in items)
                {
                    if (MemStatsJson.TryRead(item, line, out var snapshot, out var reason))
                        result.Add(snapshot! with { Sequence = result.Count });
                    else
                        skipped.Add(line, reason);
                }
            }
        }
        catch (JsonException e)
        {
            throw new InputFormatException(source, $"is not valid JSON ({e.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')})",
                line: e.LineNumber is { } l ? l + 1 : null, inner: e);
        }
        return result;
    }

    private static long LineAt(byte[] content, long offset)
    {
        long line = 1;
        for (long i = 0; i < offset && i < content.Length; i++) if (content[i] == (byte)'\n') line++;
        return line;
    }
}

using System.Globalization;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry;

/// <summary>
/// The <c># runtime.MemStats</c> trailer that ends a debug=1 heap profile (<c>/debug/pprof/heap?debug=1</c>,
/// <c>pprof.Lookup("heap").WriteTo(w, 1)</c>): lines of the form <c># Name = value</c>, where Stack, MSpan and
/// MCache read "inuse / sys", PauseNs and PauseEnd are bracketed space-separated lists, and MaxRSS (not a
/// MemStats field) is the peak RSS. The one reader of it: the heap-profile loader keeps it as
/// <c>Profile.MemStats</c>, the MemStats loader reads it as one snapshot. Every field is kept verbatim in
/// <see cref="Fields"/> (file order) and decoded once into <see cref="Snapshot"/>: names it does not know
/// (newer Go) are kept but not decoded; known names with unreadable values are counted in <see cref="Skipped"/>.
/// The trailer lacks PauseTotalNs, EnableGC and BySize, which stay null/empty in the snapshot.
/// </summary>
public sealed class MemStatsTrailer
{
    /// <summary>The line that starts the trailer.</summary>
    public const string Header = "# runtime.MemStats";

    private MemStatsTrailer(IReadOnlyList<KeyValuePair<string, string>> fields, MemStatsSnapshot snapshot, SkippedLines skipped)
    {
        Fields = fields;
        Snapshot = snapshot;
        Skipped = skipped;
    }

    /// <summary>Every <c># Name = value</c> field as printed, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The fields decoded as a MemStats reading (<see cref="MemStatsSnapshot.LineNumber"/> is the header's line).</summary>
    public MemStatsSnapshot Snapshot { get; }

    /// <summary>Trailer lines that were not <c># Name = value</c> or whose value could not be read.</summary>
    public SkippedLines Skipped { get; }

    /// <summary>The raw text of a field, or null when the runtime did not print it.</summary>
    public string? Text(string name)
    {
        foreach (var (key, value) in Fields) if (key == name) return value;
        return null;
    }

    /// <summary>True when <paramref name="lines"/> contain the trailer header.</summary>
    public static bool Contains(IEnumerable<string> lines) => lines.Any(l => l.TrimEnd('\r') == Header);

    /// <summary>
    /// Reads the trailer from <paramref name="lines"/> (a whole profile, or the trailer alone): from the header to
    /// the first line that is not a <c>#</c> comment. Returns null when there is no header. Never throws.
    /// </summary>
    public static MemStatsTrailer? Find(IEnumerable<string> lines)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var skipped = new SkippedLines();
        var counters = MemStatsSnapshot.NewCounters();
        var decoded = new Decoded();
        long lineNumber = 0, headerLine = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (headerLine == 0)
            {
                if (line == Header) headerLine = lineNumber;
                continue;
            }
            if (!line.StartsWith("# ", StringComparison.Ordinal)) break; // the trailer ends at the first other line
            var equals = line.IndexOf(" = ", StringComparison.Ordinal);
            if (equals < 2) { skipped.Add(lineNumber, "not a \"# Name = value\" line"); continue; }
            var name = line[2..equals];
            var value = line[(equals + 3)..].Trim();
            fields.Add(new(name, value));
            if (!decoded.Assign(name, value, counters)) skipped.Add(lineNumber, $"unreadable value for {name}");
        }
        if (headerLine == 0) return null;
        var snapshot = new MemStatsSnapshot(counters)
        {
            GCCPUFraction = decoded.CpuFraction,
            DebugGC = decoded.DebugGc,
            EnableGC = decoded.EnableGc,
            PauseNs = decoded.PauseNs,
            PauseEnd = decoded.PauseEnd,
            MaxRss = decoded.MaxRss,
            LineNumber = headerLine,
        };
        return new MemStatsTrailer(fields, snapshot, skipped);
    }

    /// <summary>
    /// Reads the trailer as a MemStats reading. Throws <see cref="InputFormatException"/> naming
    /// <paramref name="source"/> when there is no trailer header or it holds neither HeapAlloc nor NumGC.
    /// </summary>
    public static MemStatsTrailer Parse(IEnumerable<string> lines, string source = "(heap profile)")
    {
        var trailer = Find(lines)
            ?? throw new InputFormatException(source, $"has no \"{Header}\" trailer (expected a debug=1 heap profile)");
        if (trailer.Snapshot.HeapAlloc is null && trailer.Snapshot.NumGC is null)
            throw new InputFormatException(source, "the runtime.MemStats trailer holds neither HeapAlloc nor NumGC",
                line: trailer.Snapshot.LineNumber);
        return trailer;
    }

    private sealed class Decoded
    {
        public ulong[] PauseNs = [], PauseEnd = [];
        public double? CpuFraction;
        public bool? DebugGc, EnableGc;
        public ulong? MaxRss;

        public bool Assign(string name, string value, ulong?[] counters)
        {
            switch (name)
            {
                case "Stack": return Pair(value, counters, MemStatsCounter.StackInuse, MemStatsCounter.StackSys);
                case "MSpan": return Pair(value, counters, MemStatsCounter.MSpanInuse, MemStatsCounter.MSpanSys);
                case "MCache": return Pair(value, counters, MemStatsCounter.MCacheInuse, MemStatsCounter.MCacheSys);
                case "PauseNs": return List(value, out PauseNs);
                case "PauseEnd": return List(value, out PauseEnd);
                case "GCCPUFraction":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) return false;
                    CpuFraction = f;
                    return true;
                case "DebugGC":
                    if (!bool.TryParse(value, out var d)) return false;
                    DebugGc = d;
                    return true;
                case "EnableGC":
                    if (!bool.TryParse(value, out var e)) return false;
                    EnableGc = e;
                    return true;
                case "MaxRSS":
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rss)) return false;
                    MaxRss = rss;
                    return true;
            }
            if (!MemStatsCounterNames.TryParse(name, out var counter))
                return true; // a field this version does not know: kept in Fields, not an error
            if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
            counters[(int)counter] = v;
            return true;
        }

        private static bool Pair(string value, ulong?[] counters, MemStatsCounter inuse, MemStatsCounter sys)
        {
            var parts = value.Split(" / ");
            if (parts.Length != 2
                || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)) return false;
            counters[(int)inuse] = a;
            counters[(int)sys] = b;
            return true;
        }

        private static bool List(string value, out ulong[] result)
        {
            result = [];
            if (value.Length < 2 || value[0] != '[' || value[^1] != ']') return false;
            var parts = value[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var list = new ulong[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (!ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out list[i])) return false;
            result = list;
            return true;
        }
    }
}

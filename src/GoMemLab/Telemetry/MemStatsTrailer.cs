using System.Globalization;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry;

/// <summary>
/// Parses the <c># runtime.MemStats</c> trailer that ends a debug=1 heap profile
/// (<c>/debug/pprof/heap?debug=1</c>, <c>pprof.Lookup("heap").WriteTo(w, 1)</c>): lines of the form
/// <c># Name = value</c>, where Stack, MSpan and MCache read "inuse / sys", PauseNs and PauseEnd are
/// bracketed space-separated lists, and MaxRSS (not a MemStats field) is the peak RSS. Independent of
/// the profile records above it: give it the profile's lines, or just the trailer's. Names it does not
/// know (newer Go) are ignored; known names with unreadable values are skipped and counted.
/// The trailer lacks PauseTotalNs, EnableGC and BySize, which stay null/empty.
/// </summary>
public static class MemStatsTrailer
{
    /// <summary>The line that starts the trailer.</summary>
    public const string Header = "# runtime.MemStats";

    /// <summary>True when <paramref name="lines"/> contain the trailer header.</summary>
    public static bool Contains(IEnumerable<string> lines) => lines.Any(l => l.TrimEnd('\r') == Header);

    /// <summary>
    /// Reads the trailer from <paramref name="lines"/>. Throws <see cref="InputFormatException"/> naming
    /// <paramref name="source"/> when there is no trailer header or it holds neither HeapAlloc nor NumGC.
    /// Lines that cannot be read are added to <paramref name="skipped"/> when given.
    /// </summary>
    public static MemStatsSnapshot Parse(IEnumerable<string> lines, string source = "(heap profile)", SkippedLines? skipped = null)
    {
        var counters = MemStatsSnapshot.NewCounters();
        ulong[] pauseNs = [], pauseEnd = [];
        double? cpuFraction = null;
        bool? debugGc = null, enableGc = null;
        ulong? maxRss = null;
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
            if (equals < 2) { skipped?.Add(lineNumber, "not a \"# Name = value\" line"); continue; }
            var name = line[2..equals];
            var value = line[(equals + 3)..].Trim();
            if (!Assign(name, value, counters, ref pauseNs, ref pauseEnd, ref cpuFraction, ref debugGc, ref enableGc, ref maxRss))
                skipped?.Add(lineNumber, $"unreadable value for {name}");
        }
        if (headerLine == 0)
            throw new InputFormatException(source, $"has no \"{Header}\" trailer (expected a debug=1 heap profile)");
        if (counters[(int)MemStatsCounter.HeapAlloc] is null && counters[(int)MemStatsCounter.NumGC] is null)
            throw new InputFormatException(source, "the runtime.MemStats trailer holds neither HeapAlloc nor NumGC", line: headerLine);
        return new MemStatsSnapshot(counters)
        {
            GCCPUFraction = cpuFraction, DebugGC = debugGc, EnableGC = enableGc,
            PauseNs = pauseNs, PauseEnd = pauseEnd, MaxRss = maxRss, LineNumber = headerLine,
        };
    }

    private static bool Assign(string name, string value, ulong?[] counters, ref ulong[] pauseNs, ref ulong[] pauseEnd,
        ref double? cpuFraction, ref bool? debugGc, ref bool? enableGc, ref ulong? maxRss)
    {
        switch (name)
        {
            case "Stack": return Pair(value, counters, MemStatsCounter.StackInuse, MemStatsCounter.StackSys);
            case "MSpan": return Pair(value, counters, MemStatsCounter.MSpanInuse, MemStatsCounter.MSpanSys);
            case "MCache": return Pair(value, counters, MemStatsCounter.MCacheInuse, MemStatsCounter.MCacheSys);
            case "PauseNs": return List(value, out pauseNs);
            case "PauseEnd": return List(value, out pauseEnd);
            case "GCCPUFraction":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) return false;
                cpuFraction = f;
                return true;
            case "DebugGC": return bool.TryParse(value, out var d) && Set(ref debugGc, d);
            case "EnableGC": return bool.TryParse(value, out var e) && Set(ref enableGc, e);
            case "MaxRSS":
                if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rss)) return false;
                maxRss = rss;
                return true;
        }
        if (!MemStatsCounterNames.TryParse(name, out var counter))
            return true; // a field this version does not know: not an error
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
        counters[(int)counter] = v;
        return true;
    }

    private static bool Set(ref bool? target, bool value)
    {
        target = value;
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

using System.Globalization;
using System.Text.Json;

namespace GoMemLab.Telemetry;

/// <summary>
/// Reads one JSON object as a MemStats snapshot. Two shapes are accepted: <c>runtime.MemStats</c> as
/// encoding/json renders it (optionally with extra top-level fields such as "ts", "unix_nano",
/// "elapsed_s", "goroutines"), and the expvar <c>/debug/vars</c> document, whose "memstats" member holds
/// the MemStats and whose other numeric members (e.g. "handled") become <see cref="MemStatsSnapshot.Extras"/>.
/// An object is MemStats when it has at least HeapAlloc and NumGC; anything else is rejected with a reason.
/// </summary>
public static class MemStatsJson
{
    private static readonly string[] CounterNames = Enum.GetNames<MemStatsCounter>();
    private static readonly HashSet<string> KnownNonCounters = new(StringComparer.Ordinal)
    {
        "PauseNs", "PauseEnd", "BySize", "GCCPUFraction", "EnableGC", "DebugGC",
    };
    private static readonly HashSet<string> TimeFields = new(StringComparer.Ordinal)
    {
        "ts", "time", "timestamp", "unix_nano", "elapsed_s", "goroutines",
    };

    /// <summary>
    /// Converts <paramref name="json"/> into a snapshot, or returns false with <paramref name="reason"/>
    /// ("not a JSON object", "JSON but not MemStats", "bad value for HeapAlloc", …).
    /// </summary>
    public static bool TryRead(JsonElement json, long lineNumber, out MemStatsSnapshot? snapshot, out string reason)
    {
        try
        {
            return TryReadValid(json, lineNumber, out snapshot, out reason);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to turn invalid UTF-8 in a name or string into a .NET string.
            snapshot = null;
            reason = "invalid UTF-8 in a name or string";
            return false;
        }
    }

    private static bool TryReadValid(JsonElement json, long lineNumber, out MemStatsSnapshot? snapshot, out string reason)
    {
        snapshot = null;
        if (json.ValueKind != JsonValueKind.Object) { reason = "JSON but not an object"; return false; }
        var stats = json;
        var extras = new Dictionary<string, double>(StringComparer.Ordinal);
        var isExpvar = json.TryGetProperty("memstats", out var inner) && inner.ValueKind == JsonValueKind.Object;
        if (isExpvar) stats = inner;
        if (!stats.TryGetProperty("HeapAlloc", out _) || !stats.TryGetProperty("NumGC", out _))
        {
            reason = "JSON but not MemStats (no HeapAlloc/NumGC)";
            return false;
        }

        var counters = MemStatsSnapshot.NewCounters();
        for (int i = 0; i < CounterNames.Length; i++)
        {
            if (!stats.TryGetProperty(CounterNames[i], out var value)) continue;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out var v))
            {
                reason = $"bad value for {CounterNames[i]}";
                return false;
            }
            counters[i] = v;
        }
        foreach (var property in json.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.Number && !TimeFields.Contains(property.Name)
                && (isExpvar || !IsMemStatsField(property.Name))
                && property.Value.TryGetDouble(out var d))
                extras[property.Name] = d;

        try
        {
            snapshot = new MemStatsSnapshot(counters)
            {
                Timestamp = ReadTimestamp(json),
                ElapsedSeconds = json.TryGetProperty("elapsed_s", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null,
                Goroutines = json.TryGetProperty("goroutines", out var g) && g.ValueKind == JsonValueKind.Number
                    && g.TryGetInt64(out var gl) ? gl : null,
                GCCPUFraction = stats.TryGetProperty("GCCPUFraction", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble()
                    : null,
                EnableGC = Bool(stats, "EnableGC"),
                DebugGC = Bool(stats, "DebugGC"),
                PauseNs = Ring(stats, "PauseNs"),
                PauseEnd = Ring(stats, "PauseEnd"),
                BySize = SizeClasses(stats),
                Extras = extras,
                LineNumber = lineNumber,
            };
        }
        catch (FormatException e)
        {
            reason = e.Message;
            return false;
        }
        reason = "";
        return true;
    }

    private static bool IsMemStatsField(string name) =>
        KnownNonCounters.Contains(name) || MemStatsCounterNames.TryParse(name, out _);

    private static bool? Bool(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"bad value for {name}"),
        } : null;

    private static ulong[] Ring(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var array)) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new FormatException($"bad value for {name}");
        var result = new ulong[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
            result[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetUInt64(out var v) ? v
                : throw new FormatException($"bad value in {name}");
        return result;
    }

    private static SizeClassStats[] SizeClasses(JsonElement o)
    {
        if (!o.TryGetProperty("BySize", out var array)) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new FormatException("bad value for BySize");
        var result = new List<SizeClassStats>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("Size", out var size) || !size.TryGetUInt32(out var s)
                || !item.TryGetProperty("Mallocs", out var mallocs) || !mallocs.TryGetUInt64(out var m)
                || !item.TryGetProperty("Frees", out var frees) || !frees.TryGetUInt64(out var f))
                throw new FormatException("bad entry in BySize");
            result.Add(new SizeClassStats(s, m, f));
        }
        return result.ToArray();
    }

    internal static DateTimeOffset? ReadTimestamp(JsonElement o)
    {
        // unix_nano is exact; RFC 3339 strings carry nanoseconds that DateTimeOffset rounds to 100 ns.
        if (o.TryGetProperty("unix_nano", out var nanos) && nanos.ValueKind == JsonValueKind.Number && nanos.TryGetInt64(out var ns))
            return DateTimeOffset.UnixEpoch.AddTicks(ns / 100);
        foreach (var name in (ReadOnlySpan<string>)["ts", "time", "timestamp"])
        {
            if (!o.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.String) continue;
            var text = t.GetString()!;
            // Go prints up to 9 fractional digits; .NET parses at most 7.
            var trimmed = TrimFraction(text);
            if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return parsed;
            throw new FormatException($"bad timestamp in \"{name}\": {text}");
        }
        return null;
    }

    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0) return text;
        int end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return end - dot - 1 > 7 ? text[..(dot + 8)] + text[end..] : text;
    }
}

using System.Globalization;

namespace GoMemLab.Profiles.LegacyHeap;

/// <summary>
/// The <c># runtime.MemStats</c> trailer of a <c>/debug/pprof/heap?debug=1</c> profile: every
/// <c># Name = value</c> line, kept verbatim in <see cref="Fields"/> (in file order) and decoded on demand.
/// Values are as the runtime printed them: integers, <c>inuse / sys</c> pairs (Stack, MSpan, MCache),
/// arrays in brackets (PauseNs and PauseEnd: 256-entry circular buffers, see runtime.MemStats), a float
/// (GCCPUFraction) and a bool (DebugGC). Fields a Go version does not print are simply absent.
/// </summary>
public sealed class MemStatsTrailer(IReadOnlyList<KeyValuePair<string, string>> fields)
{
    /// <summary>Every field as printed, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = fields;

    /// <summary>The raw text of a field, or null.</summary>
    public string? Text(string name)
    {
        foreach (var (key, value) in Fields) if (key == name) return value;
        return null;
    }

    /// <summary>An integer field (for pairs, the first number: the in-use part); null when absent or not a number.</summary>
    public ulong? Number(string name) =>
        Text(name) is { } text && ulong.TryParse(text.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A <c>inuse / sys</c> pair such as Stack, MSpan or MCache; null when absent.</summary>
    public (ulong Inuse, ulong Sys)? Pair(string name)
    {
        var parts = Text(name)?.Split('/', StringSplitOptions.TrimEntries);
        return parts is { Length: 2 } && ulong.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) && ulong.TryParse(parts[1], CultureInfo.InvariantCulture, out var b)
            ? (a, b) : null;
    }

    /// <summary>A bracketed array field such as PauseNs or PauseEnd; empty when absent.</summary>
    public IReadOnlyList<ulong> Array(string name)
    {
        var text = Text(name);
        if (text is null || !text.StartsWith('[') || !text.EndsWith(']')) return [];
        return text[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => ulong.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }

    public ulong? Alloc => Number("Alloc");
    public ulong? TotalAlloc => Number("TotalAlloc");
    public ulong? Sys => Number("Sys");
    public ulong? Mallocs => Number("Mallocs");
    public ulong? Frees => Number("Frees");
    public ulong? HeapAlloc => Number("HeapAlloc");
    public ulong? HeapSys => Number("HeapSys");
    public ulong? HeapIdle => Number("HeapIdle");
    public ulong? HeapInuse => Number("HeapInuse");
    public ulong? HeapReleased => Number("HeapReleased");
    public ulong? HeapObjects => Number("HeapObjects");
    public ulong? NextGC => Number("NextGC");
    public ulong? LastGC => Number("LastGC");
    public ulong? NumGC => Number("NumGC");
    public ulong? NumForcedGC => Number("NumForcedGC");
    public ulong? MaxRSS => Number("MaxRSS");
    public IReadOnlyList<ulong> PauseNs => Array("PauseNs");
    public IReadOnlyList<ulong> PauseEnd => Array("PauseEnd");

    public double? GCCPUFraction =>
        Text("GCCPUFraction") is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}

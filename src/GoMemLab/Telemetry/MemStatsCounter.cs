namespace GoMemLab.Telemetry;

/// <summary>
/// The integer fields of Go's <c>runtime.MemStats</c>, named exactly as Go (and its JSON encoding) names
/// them, in declaration order. All are byte or event counts except LastGC (ns since the Unix epoch) and
/// PauseTotalNs (ns). The ring buffers PauseNs/PauseEnd, BySize, GCCPUFraction, EnableGC and DebugGC
/// are separate members of <see cref="MemStatsSnapshot"/>.
/// </summary>
public enum MemStatsCounter
{
    Alloc,
    TotalAlloc,
    Sys,
    Lookups,
    Mallocs,
    Frees,
    HeapAlloc,
    HeapSys,
    HeapIdle,
    HeapInuse,
    HeapReleased,
    HeapObjects,
    StackInuse,
    StackSys,
    MSpanInuse,
    MSpanSys,
    MCacheInuse,
    MCacheSys,
    BuckHashSys,
    GCSys,
    OtherSys,
    NextGC,
    LastGC,
    PauseTotalNs,
    NumGC,
    NumForcedGC,
}

/// <summary>Looks up a counter by its exact Go field name.</summary>
public static class MemStatsCounterNames
{
    // Not Enum.TryParse: it also accepts numbers and comma lists ("HeapInuse,LastGC" ORs two values into one
    // that is no counter at all; found by fuzzing), where a field name must be one name exactly.
    private static readonly System.Collections.Frozen.FrozenDictionary<string, MemStatsCounter> ByName =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
            Enum.GetValues<MemStatsCounter>(), c => c.ToString(), StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> is exactly the name of a <see cref="MemStatsCounter"/>.</summary>
    public static bool TryParse(string name, out MemStatsCounter counter) => ByName.TryGetValue(name, out counter);
}

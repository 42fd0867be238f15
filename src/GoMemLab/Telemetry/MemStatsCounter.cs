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

namespace GoMemLab.Telemetry;

/// <summary>One quantile of the GC pause summary: <paramref name="Quantile"/> in [0, 1], the pause in ns.</summary>
public readonly record struct PauseQuantile(double Quantile, ulong Ns);

/// <summary>One size class of <c>runtime.MemStats.BySize</c>: objects of up to Size bytes allocated and freed so far.</summary>
public readonly record struct SizeClassStats(uint Size, ulong Mallocs, ulong Frees);

/// <summary>
/// One reading of <c>runtime.MemStats</c> with when it was taken. Every counter is nullable: sources
/// carry different subsets (the debug=1 heap profile trailer has no PauseTotalNs, EnableGC or BySize;
/// expvar and JSON lines carry them all), and a missing value must not read as zero. Values are exact
/// (unsigned 64-bit, as Go encodes them). Immutable: derive variants with <c>with { … }</c>.
/// </summary>
public sealed record MemStatsSnapshot
{
    private static readonly int CounterCount = Enum.GetValues<MemStatsCounter>().Length;
    private readonly ulong?[] _counters;

    /// <summary>A snapshot over <paramref name="counters"/> (from <see cref="NewCounters"/>, indexed by <see cref="MemStatsCounter"/>; the
    /// array is kept, not copied).</summary>
    public MemStatsSnapshot(ulong?[] counters)
    {
        if (counters.Length != CounterCount) throw new ArgumentException($"expected {CounterCount} counters", nameof(counters));
        _counters = counters;
    }

    /// <summary>An empty counter array to fill before constructing.</summary>
    public static ulong?[] NewCounters() => new ulong?[CounterCount];

    /// <summary>The value of <paramref name="counter"/>, or null when the source did not carry it.</summary>
    public ulong? this[MemStatsCounter counter] => _counters[(int)counter];

    /// <summary>0-based position in its series (file order, then file order across files).</summary>
    public int Sequence { get; init; }

    /// <summary>Wall-clock time of the reading when the source recorded one (a "ts"/"time"/"timestamp" string or "unix_nano").</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Seconds since the writer started when the source recorded it ("elapsed_s").</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>runtime.NumGoroutine() when the source recorded it (a top-level "goroutines" number).</summary>
    public long? Goroutines { get; init; }

    /// <summary>Fraction of the program's CPU time used by GC since it started (Go 1.19 excludes idle mark workers).</summary>
    public double? GCCPUFraction { get; init; }

    /// <summary>MemStats.EnableGC (false only with GOGC=off); absent from the debug=1 trailer.</summary>
    public bool? EnableGC { get; init; }

    /// <summary>MemStats.DebugGC (currently unused by the runtime).</summary>
    public bool? DebugGC { get; init; }

    /// <summary>The PauseNs ring (256 entries, most recent at (NumGC+255)%256); empty when absent.</summary>
    public IReadOnlyList<ulong> PauseNs { get; init; } = [];

    /// <summary>The PauseEnd ring (ns since the Unix epoch), same indexing as PauseNs; empty when absent.</summary>
    public IReadOnlyList<ulong> PauseEnd { get; init; } = [];

    /// <summary>Per size class allocation counts; empty when absent.</summary>
    public IReadOnlyList<SizeClassStats> BySize { get; init; } = [];

    /// <summary>Peak resident set size, only printed by the debug=1 heap profile trailer (not part of MemStats).</summary>
    public ulong? MaxRss { get; init; }

    /// <summary>Other top-level numbers found beside MemStats (expvar variables such as "handled", JSON-line extras), by name.</summary>
    public IReadOnlyDictionary<string, double> Extras { get; init; } = new Dictionary<string, double>();

    /// <summary>1-based line of the source where this snapshot starts (0 when unknown).</summary>
    public long LineNumber { get; init; }

    /// <summary>
    /// The label set this reading belongs to when the source has labels (Prometheus), written as PromQL
    /// does without the metric name: <c>instance="api-0:9090",job="api"</c>, labels in name order; empty
    /// when the source has none (MemStats JSON, expvar, a single process's scrape).
    /// </summary>
    public string Series { get; init; } = "";

    /// <summary>Heap bytes marked live by the last GC (runtime/metrics <c>/gc/heap/live:bytes</c>, Go 1.21+); not part of
    /// MemStats.</summary>
    public ulong? HeapLive { get; init; }

    /// <summary>GOGC as the runtime applies it (<c>/gc/gogc:percent</c>, <c>go_gc_gogc_percent</c>; -1 when GC is off); not part of
    /// MemStats.</summary>
    public long? GcPercent { get; init; }

    /// <summary>The soft memory limit (<c>/gc/gomemlimit:bytes</c>, <c>go_gc_gomemlimit_bytes</c>; math.MaxInt64 when unset); not part of
    /// MemStats.</summary>
    public ulong? MemoryLimit { get; init; }

    /// <summary>Resident set size of the process (Prometheus <c>process_resident_memory_bytes</c>); not part of MemStats.</summary>
    public ulong? Rss { get; init; }

    /// <summary>
    /// Stop-the-world pause quantiles in ns, as client_golang's <c>go_gc_duration_seconds</c> summary exports them
    /// (quantiles 0, 0.25, 0.5, 0.75, 1 of the recent pauses, computed by runtime/debug.ReadGCStats); empty when absent.
    /// </summary>
    public IReadOnlyList<PauseQuantile> PauseQuantiles { get; init; } = [];

    // Shorthands for the counters analyses and charts read most.
    public ulong? HeapAlloc => this[MemStatsCounter.HeapAlloc];
    public ulong? HeapInuse => this[MemStatsCounter.HeapInuse];
    public ulong? HeapIdle => this[MemStatsCounter.HeapIdle];
    public ulong? HeapReleased => this[MemStatsCounter.HeapReleased];
    public ulong? HeapObjects => this[MemStatsCounter.HeapObjects];
    public ulong? Sys => this[MemStatsCounter.Sys];
    public ulong? StackInuse => this[MemStatsCounter.StackInuse];
    public ulong? NextGC => this[MemStatsCounter.NextGC];
    public ulong? NumGC => this[MemStatsCounter.NumGC];

    /// <summary>The most recent GC pauses from the PauseNs ring, oldest first (at most 256, fewer when NumGC is smaller).</summary>
    public IReadOnlyList<ulong> RecentPausesNs()
    {
        if (PauseNs.Count == 0 || NumGC is not { } numGc || numGc == 0) return [];
        int ring = PauseNs.Count;
        int count = (int)Math.Min(numGc, (ulong)ring);
        var result = new ulong[count];
        for (int i = 0; i < count; i++)
            result[i] = PauseNs[(int)((numGc - (ulong)count + (ulong)i) % (ulong)ring)];
        return result;
    }

}

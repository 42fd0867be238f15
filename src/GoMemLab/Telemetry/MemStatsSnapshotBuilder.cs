namespace GoMemLab.Telemetry;

/// <summary>
/// Collects the fields of one reading from sources that deliver them one at a time (a scrape's samples, a
/// query_range answer's series, runtime/metrics names), then builds the immutable snapshot.
/// </summary>
internal sealed class MemStatsSnapshotBuilder(string series)
{
    public readonly ulong?[] Counters = MemStatsSnapshot.NewCounters();
    public readonly Dictionary<double, ulong> PauseQuantiles = new();
    public string Series { get; } = series;
    public DateTimeOffset? Timestamp;
    public long? Goroutines;
    public double? GcCpuFraction;
    public ulong? HeapLive, MemoryLimit, Rss;
    public long? GcPercent;
    public long LineNumber;

    public void Set(MemStatsCounter counter, ulong value) => Counters[(int)counter] = value;

    public MemStatsSnapshot Build() => new(Counters)
    {
        Series = Series,
        Timestamp = Timestamp,
        Goroutines = Goroutines,
        GCCPUFraction = GcCpuFraction,
        HeapLive = HeapLive,
        MemoryLimit = MemoryLimit,
        Rss = Rss,
        GcPercent = GcPercent,
        PauseQuantiles = PauseQuantiles.OrderBy(q => q.Key).Select(q => new PauseQuantile(q.Key, q.Value)).ToArray(),
        LineNumber = LineNumber,
    };
}

using GoMemLab.Inputs;

namespace GoMemLab.Telemetry.Prometheus;

/// <summary>
/// Turns Prometheus samples into MemStats readings, one per label set (labels other than a summary's "quantile"
/// and a histogram's "le"), so a federated scrape or a query over many instances gives one series per instance.
/// Samples of other metrics are counted in the skipped lines ("other metric"), never silently dropped.
/// </summary>
internal static class PrometheusSnapshots
{
    public const string OtherMetric = PrometheusText.OtherMetric;

    /// <summary>
    /// One reading per label set (and per timestamp when <paramref name="byTime"/>: query answers), series in the order
    /// first seen, readings of a series in time order. A scrape's reading takes the latest timestamp its samples carry.
    /// Throws <see cref="InputFormatException"/> when no sample is a Go runtime metric.
    /// </summary>
    public static List<MemStatsSnapshot> Build(IEnumerable<PrometheusSample> samples, string source, SkippedLines skipped, bool byTime,
        Func<PrometheusSample, string>? where = null)
    {
        var builders = new Dictionary<(string Series, long Time), MemStatsSnapshotBuilder>();
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var goSeries = new HashSet<string>(StringComparer.Ordinal);
        var others = new SortedSet<string>(StringComparer.Ordinal);
        int otherCount = 0;
        foreach (var sample in samples)
        {
            var series = sample.SeriesKey("quantile", "le");
            var time = byTime && sample.Timestamp is { } t ? t.ToUnixTimeMilliseconds() : long.MinValue;
            if (!builders.TryGetValue((series, time), out var builder))
            {
                builder = new MemStatsSnapshotBuilder(series) { LineNumber = sample.LineNumber };
                if (byTime) builder.Timestamp = sample.Timestamp;
                builders[(series, time)] = builder;
            }
            if (!GoCollectorMetrics.Apply(builder, sample, source, where?.Invoke(sample) ?? ""))
            {
                skipped.Add(sample.LineNumber, OtherMetric);
                otherCount++;
                if (others.Count < 4) others.Add(sample.Name);
                continue;
            }
            if (GoCollectorMetrics.IsGoMetric(sample.Name)) goSeries.Add(series);
            order.TryAdd(series, order.Count);
            if (!byTime && sample.Timestamp is { } stamp && (builder.Timestamp is null
                || stamp > builder.Timestamp)) builder.Timestamp = stamp;
        }
        if (goSeries.Count == 0)
            throw new InputFormatException(source,
                "has no Go runtime metrics (no go_memstats_*, go_goroutines or go_gc_duration_seconds series)"
                + (otherCount > 0
                    ? $"; {otherCount} sample{(otherCount == 1 ? "" : "s")} of other metrics, e.g. " + string.Join(", ", others)
                    : "")
                + "; is this the /metrics of a Go program with client_golang's Go collector?");
        return builders.Where(b => goSeries.Contains(b.Key.Series))
            .OrderBy(b => order[b.Key.Series]).ThenBy(b => b.Key.Time)
            .Select(b => b.Value.Build()).ToList();
    }
}

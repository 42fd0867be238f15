using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// One series' verdict: the label set (or the source's name when unlabelled), the overall verdict of its signals,
/// and the slope (MB/min; NaN without timestamps) and R² of its heap signal — heap_live_mb when present, else
/// heap_inuse_mb, else heap_alloc_mb; NaN when the series has no heap metric.
/// </summary>
public sealed record SeriesVerdict(string Series, LeakVerdict Verdict, double SlopeMbPerMinute, double RSquared, string HeapMetric);

/// <summary>One <see cref="SeriesVerdict"/> per series of a <see cref="MemStatsSeries"/>, in series order (<see
/// cref="MemStatsSeries.Verdicts"/>).</summary>
public sealed class SeriesVerdicts
{
    /// <summary>The exact CSV header of <see cref="ToDataFrame"/> (a published contract: <c>gomemlab memstats --verdict</c>).</summary>
    public const string CsvHeader = "series,verdict,slope_mb_per_min,r2";

    private SeriesVerdicts(IReadOnlyList<SeriesVerdict> rows) => Rows = rows;

    public IReadOnlyList<SeriesVerdict> Rows { get; }

    internal static SeriesVerdicts Of(MemStatsSeries series)
    {
        var signals = series.LeakSignals();
        var rows = new List<SeriesVerdict>();
        foreach (var name in series.SeriesNames)
        {
            var own = signals.Where(s => s.Series == name).ToList();
            var heap = own.FirstOrDefault(s => s.Metric == "heap_live_mb") ?? own.FirstOrDefault(s
                => s.Metric is "heap_inuse_mb" or "heap_alloc_mb");
            var perMinute = heap is not null && heap.TimeUnit == "min";
            rows.Add(new SeriesVerdict(name.Length > 0 ? name : series.Source, LeakSignal.Overall(own),
                perMinute ? heap!.Slope : double.NaN, heap?.RSquared ?? double.NaN, heap?.Metric ?? ""));
        }
        return new SeriesVerdicts(rows);
    }

    /// <summary>Columns series, verdict (growing, steady, shrinking, insufficient data), slope_mb_per_min, r2 (4 decimals; NaN prints
    /// empty).</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("series", Rows.Select(r => r.Series)),
        new StringDataFrameColumn("verdict", Rows.Select(r => r.Verdict.ToText())),
        new DoubleDataFrameColumn("slope_mb_per_min", Rows.Select(r => Round(r.SlopeMbPerMinute))),
        new DoubleDataFrameColumn("r2", Rows.Select(r => Round(r.RSquared))));

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 4) : v;
}

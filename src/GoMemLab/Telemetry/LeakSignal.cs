using System.Globalization;
using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// Is a memory metric trending up over a run? The rule, applied to one series (e.g. live heap after
/// each GC against time):
/// <list type="number">
/// <item>Fewer than <see cref="MinimumPoints"/> points or no time span: insufficient data.</item>
/// <item>Fit a Theil–Sen line (<see cref="TheilSenFit"/>, robust to bursts and outliers); the change over
/// the window is slope × span.</item>
/// <item>The threshold is the larger of <see cref="RelativeThreshold"/> (10%) of the series' median level
/// and an absolute floor for the metric (its measurement resolution: gctrace prints whole MiB, so 2 MiB
/// there; 1 MiB for MemStats byte counts; 1,000 heap objects; 10 goroutines).</item>
/// <item>Growing when the change exceeds +threshold and the line explains the data (R² ≥
/// <see cref="MinimumRSquared"/>); shrinking when below −threshold with the same fit quality;
/// otherwise steady (a change that the line does not explain is noise, not a trend).</item>
/// </list>
/// Caveats: a steady program that is still warming up (filling a bounded cache) reads as growing until
/// the window covers its plateau — watch longer before calling it a leak; a trend says memory is retained,
/// not where (take heap profiles for that).
/// </summary>
public sealed record LeakSignal(
    string Metric,
    string Unit,
    string TimeUnit,
    int Points,
    double Span,
    double Level,
    double Slope,
    double Change,
    double RSquared,
    double Threshold,
    LeakVerdict Verdict)
{
    /// <summary>The label set of the series the metric belongs to (Prometheus inputs); empty for a single, unlabelled series.</summary>
    public string Series { get; init; } = "";

    public const int MinimumPoints = 5;
    public const double RelativeThreshold = 0.10;
    public const double MinimumRSquared = 0.5;

    /// <summary>Applies the rule to <paramref name="values"/> observed at <paramref name="times"/> (in <paramref name="timeUnit"/>, e.g.
    /// "min").</summary>
    public static LeakSignal Assess(string metric, string unit, string timeUnit, IReadOnlyList<double> times,
        IReadOnlyList<double> values, double absoluteFloor)
    {
        if (times.Count != values.Count) throw new ArgumentException("times and values must have the same length");
        int n = values.Count;
        var level = TheilSenFit.Median(values);
        var span = n == 0 ? 0 : times[n - 1] - times[0];
        var threshold = Math.Max(RelativeThreshold * Math.Abs(double.IsNaN(level) ? 0 : level), absoluteFloor);
        if (n < MinimumPoints || !(span > 0))
            return new LeakSignal(metric, unit, timeUnit, n, span, level, double.NaN, double.NaN, double.NaN, threshold,
                LeakVerdict.InsufficientData);
        var fit = TheilSenFit.Fit(times, values);
        var slope = double.IsNaN(fit.Slope) ? 0 : fit.Slope;
        var change = slope * span;
        var fits = fit.RSquared >= MinimumRSquared;
        var verdict = change > threshold && fits ? LeakVerdict.Growing
            : change < -threshold && fits ? LeakVerdict.Shrinking
            : LeakVerdict.Steady;
        return new LeakSignal(metric, unit, timeUnit, n, span, level, slope, change, fit.RSquared, threshold, verdict);
    }

    /// <summary>
    /// The verdict over several signals (of one program): growing when any is growing, shrinking when none grows and
    /// one shrinks, insufficient data when every signal lacks data (or there is none), steady otherwise.
    /// </summary>
    public static LeakVerdict Overall(IEnumerable<LeakSignal> signals)
    {
        var list = signals.ToList();
        if (list.Any(s => s.Verdict == LeakVerdict.Growing)) return LeakVerdict.Growing;
        if (list.Any(s => s.Verdict == LeakVerdict.Shrinking)) return LeakVerdict.Shrinking;
        if (list.All(s => s.Verdict == LeakVerdict.InsufficientData)) return LeakVerdict.InsufficientData;
        return LeakVerdict.Steady;
    }

    /// <summary>The evidence in one sentence, e.g. "heap_live_mb +33.1 MB over 0.33 min (+100.2 MB/min, R² 0.97; threshold 2 MB) from 126
    /// points".</summary>
    public string Evidence
    {
        get
        {
            if (Verdict == LeakVerdict.InsufficientData)
                return $"{Metric}: {Points} point{(Points == 1 ? "" : "s")} over {F(Span)} {SpanUnit}; "
                    + $"need at least {MinimumPoints} points over a positive span";
            var why = Verdict switch
            {
                LeakVerdict.Steady when Math.Abs(Change) > Threshold
                    => $"; the line explains too little (R² below {F(MinimumRSquared)}) to call it a trend",
                LeakVerdict.Steady => $"; within ±{F(Threshold)} {Unit}",
                _ => $"; beyond {F(Threshold)} {Unit} with R² ≥ {F(MinimumRSquared)}",
            };
            return $"{Metric} {Signed(Change)} {Unit} over {F(Span)} {SpanUnit} ({Signed(Slope)} {Unit}/{TimeUnit}, R² {F(RSquared)}, "
                + $"level {F(Level)} {Unit}, {Points} points){why}";
        }
    }

    private string SpanUnit => TimeUnit == "snapshot" ? "snapshots" : TimeUnit;

    /// <summary>
    /// One row per signal: metric, unit, points, span, time_unit, level, slope, change, r_squared,
    /// threshold, verdict, evidence (slope in unit per time_unit; NaN cells print empty); a series column first when
    /// any signal belongs to a labelled series.
    /// </summary>
    public static DataFrame ToDataFrame(IEnumerable<LeakSignal> signals)
    {
        var list = signals.ToList();
        var frame = new DataFrame(
            new StringDataFrameColumn("metric", list.Select(s => s.Metric)),
            new StringDataFrameColumn("unit", list.Select(s => s.Unit)),
            new Int32DataFrameColumn("points", list.Select(s => s.Points)),
            new DoubleDataFrameColumn("span", list.Select(s => Round(s.Span))),
            new StringDataFrameColumn("time_unit", list.Select(s => s.TimeUnit)),
            new DoubleDataFrameColumn("level", list.Select(s => Round(s.Level))),
            new DoubleDataFrameColumn("slope", list.Select(s => Round(s.Slope))),
            new DoubleDataFrameColumn("change", list.Select(s => Round(s.Change))),
            new DoubleDataFrameColumn("r_squared", list.Select(s => Round(s.RSquared))),
            new DoubleDataFrameColumn("threshold", list.Select(s => Round(s.Threshold))),
            new StringDataFrameColumn("verdict", list.Select(s => s.Verdict.ToText())),
            new StringDataFrameColumn("evidence", list.Select(s => s.Evidence)));
        if (list.Any(s => s.Series.Length > 0)) frame.Columns.Insert(0, new StringDataFrameColumn("series", list.Select(s => s.Series)));
        return frame;
    }

    // Estimates, not measurements: four significant decimals are all they carry.
    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 4) : v;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    private static string Signed(double v) => (v >= 0 ? "+" : "") + F(v);
}

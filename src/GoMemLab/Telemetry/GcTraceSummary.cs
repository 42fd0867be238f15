using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// The headline numbers of a gctrace log. Pauses are the stop-the-world time of each GC: the sweep
/// termination plus mark termination clock phases (the middle, concurrent mark phase does not stop the
/// program). GC CPU is given twice: as the runtime reported it on the last line (cumulative since
/// start, truncated to a whole percent) and as computed from the lines the way Go 1.19's runtime computes
/// its own figure (mgc.go): sweep termination + assist + background mark + mark termination CPU — idle
/// mark workers excluded, they only use otherwise idle processors — over elapsed time × processors; only
/// approximately equal, because the line prints each phase time to two significant digits. Rates and spans use the
/// first and last GC start times, so they exclude the time before the first GC. <see cref="LiveHeap"/> is the
/// leak signal of the live heap (<see cref="GcTrace.LiveHeapTrend"/>). Made by <see cref="GcTrace.Summary"/>.
/// </summary>
public sealed record GcTraceSummary(
    int GcCount,
    int ForcedGcCount,
    double FirstAtSeconds,
    double LastAtSeconds,
    double GcPerSecond,
    int ReportedCpuPercent,
    double ComputedCpuFraction,
    double PauseP50Ms,
    double PauseP99Ms,
    double PauseMaxMs,
    double PauseTotalMs,
    long HeapLiveMinMb,
    long HeapLiveMaxMb,
    long HeapLiveFirstMb,
    long HeapLiveLastMb,
    long GoalMaxMb,
    int Procs,
    LeakSignal LiveHeap)
{
    // A GcTrace always holds at least one GC.
    internal static GcTraceSummary Of(GcTrace trace)
    {
        var lines = trace.Lines;
        int n = lines.Count;
        var pauses = new double[n];
        double cpuMs = 0, pauseTotal = 0;
        long liveMin = long.MaxValue, liveMax = long.MinValue, goalMax = 0;
        int forced = 0;
        for (int i = 0; i < n; i++)
        {
            var l = lines[i];
            pauses[i] = l.StopTheWorldMs;
            pauseTotal += l.StopTheWorldMs;
            cpuMs += l.CpuTotalMs - l.CpuIdleMs;
            liveMin = Math.Min(liveMin, l.HeapLiveMb);
            liveMax = Math.Max(liveMax, l.HeapLiveMb);
            goalMax = Math.Max(goalMax, l.GoalMb);
            if (l.Forced) forced++;
        }
        var first = lines[0];
        var last = lines[^1];
        var span = last.AtSeconds - first.AtSeconds;
        // Elapsed time up to the end of the last GC, since the runtime counts from program start.
        var elapsedMs = last.AtSeconds * 1000 + last.ClockSweepTerminationMs + last.ClockMarkMs + last.ClockMarkTerminationMs;
        var procs = last.Procs;
        return new GcTraceSummary(
            GcCount: n,
            ForcedGcCount: forced,
            FirstAtSeconds: first.AtSeconds,
            LastAtSeconds: last.AtSeconds,
            GcPerSecond: span > 0 ? (n - 1) / span : double.NaN,
            ReportedCpuPercent: last.CpuPercent,
            ComputedCpuFraction: elapsedMs > 0 && procs > 0 ? cpuMs / (elapsedMs * procs) : double.NaN,
            PauseP50Ms: Percentile.NearestRankInPlace(pauses, 50),
            PauseP99Ms: Percentile.NearestRankInPlace(pauses, 99),
            PauseMaxMs: pauses.Max(),
            PauseTotalMs: pauseTotal,
            HeapLiveMinMb: liveMin,
            HeapLiveMaxMb: liveMax,
            HeapLiveFirstMb: first.HeapLiveMb,
            HeapLiveLastMb: last.HeapLiveMb,
            GoalMaxMb: goalMax,
            Procs: procs,
            LiveHeap: trace.LiveHeapTrend());
    }

    /// <summary>The figures as (metric, value) rows in reading order, without the verdict; names are the snake_case of the
    /// properties.</summary>
    public IReadOnlyList<(string Metric, object? Value)> FigureRows() =>
    [
        ("gc_count", GcCount),
        ("forced_gc_count", ForcedGcCount),
        ("first_gc_at_s", FirstAtSeconds),
        ("last_gc_at_s", LastAtSeconds),
        ("gc_per_s", Math.Round(GcPerSecond, 4)),
        ("gc_cpu_pct_reported", ReportedCpuPercent),
        ("gc_cpu_fraction_computed", Math.Round(ComputedCpuFraction, 6)),
        ("pause_p50_ms", PauseP50Ms),
        ("pause_p99_ms", PauseP99Ms),
        ("pause_max_ms", PauseMaxMs),
        ("pause_total_ms", Math.Round(PauseTotalMs, 3)),
        ("heap_live_min_mb", HeapLiveMinMb),
        ("heap_live_max_mb", HeapLiveMaxMb),
        ("heap_live_first_mb", HeapLiveFirstMb),
        ("heap_live_last_mb", HeapLiveLastMb),
        ("goal_max_mb", GoalMaxMb),
        ("procs", Procs),
    ];

    /// <summary>
    /// <see cref="FigureRows"/> followed by the live-heap trend: live_heap_slope_mb_per_min, live_heap_r_squared,
    /// leak_verdict (growing, steady, shrinking, insufficient data) and leak_evidence (one sentence).
    /// </summary>
    public IReadOnlyList<(string Metric, object? Value)> Rows() =>
    [
        .. FigureRows(),
        ("live_heap_slope_mb_per_min", Math.Round(LiveHeap.Slope, 4)),
        ("live_heap_r_squared", Math.Round(LiveHeap.RSquared, 4)),
        ("leak_verdict", LiveHeap.Verdict.ToText()),
        ("leak_evidence", LiveHeap.Evidence),
    ];

    /// <summary><see cref="Rows"/> as a <see cref="MetricTable"/> (metric, value).</summary>
    public DataFrame ToDataFrame() => MetricTable.Create(Rows());
}

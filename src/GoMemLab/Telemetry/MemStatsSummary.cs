using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// The headline figures of a <see cref="MemStatsSeries"/> and its leak signals (<see cref="MemStatsSeries.Summary"/>).
/// Figures per series: readings, time source and span, first and last HeapAlloc/HeapInuse/Sys, num_gc_last (the
/// runtime's NumGC at the last reading: GCs since the program started), with two readings or more gcs_during_series
/// (NumGC last − first) and gc_per_s, the last GCCPUFraction, pause p50/p99/max over the last reading's PauseNs ring
/// and pause_ring_gcs (how many GCs that ring covers: min(NumGC, 256)), goroutines min/max. With several label sets,
/// each figure's name starts with its series.
/// </summary>
public sealed class MemStatsSummary
{
    private MemStatsSummary(IReadOnlyList<(string Metric, object? Value)> figures, IReadOnlyList<LeakSignal> signals)
    {
        FigureRows = figures;
        Signals = signals;
        Verdict = LeakSignal.Overall(signals);
    }

    /// <summary>The figures as (metric, value) rows, without the verdicts.</summary>
    public IReadOnlyList<(string Metric, object? Value)> FigureRows { get; }

    /// <summary>The leak signals (<see cref="MemStatsSeries.LeakSignals"/>).</summary>
    public IReadOnlyList<LeakSignal> Signals { get; }

    /// <summary>The overall verdict of <see cref="Signals"/>.</summary>
    public LeakVerdict Verdict { get; }

    /// <summary>The signal that carries the verdict (the first with that verdict), or null when there is no signal.</summary>
    public LeakSignal? Lead => Signals.FirstOrDefault(s => s.Verdict == Verdict) ?? Signals.FirstOrDefault();

    /// <summary>
    /// <see cref="FigureRows"/>, then one row per signal (<c>{metric}_verdict</c>: verdict and evidence) and
    /// <c>leak_verdict</c> (the overall verdict).
    /// </summary>
    public IReadOnlyList<(string Metric, object? Value)> Rows() =>
    [
        .. FigureRows,
        .. Signals.Select(s => ((s.Series.Length > 0 ? s.Series + " " : "") + $"{s.Metric}_verdict",
            (object?)$"{s.Verdict.ToText()}: {s.Evidence}")),
        ("leak_verdict", Verdict.ToText()),
    ];

    /// <summary><see cref="Rows"/> as a <see cref="MetricTable"/> (metric, value).</summary>
    public DataFrame ToDataFrame() => MetricTable.Create(Rows());

    internal static MemStatsSummary Of(MemStatsSeries series)
    {
        var figures = new List<(string, object?)>();
        var several = series.SeriesNames.Count > 1;
        foreach (var name in series.SeriesNames)
        {
            var prefix = several ? name + " " : "";
            var one = several ? series.ForSeries(name) : series;
            foreach (var (metric, value) in Figures(one)) figures.Add((prefix + metric, value));
        }
        return new MemStatsSummary(figures, series.LeakSignals());
    }

    private static List<(string Metric, object? Value)> Figures(MemStatsSeries series)
    {
        var s = series.Snapshots;
        var first = s[0];
        var last = s[^1];
        var span = series.Times[^1] - series.Times[0];
        var timed = series.TimeSource == MemStatsTimeSource.Timestamps;
        var rows = new List<(string Metric, object? Value)>
        {
            ("snapshots", s.Count),
            ("time_source", timed ? "timestamps" : "order"),
            (timed ? "span_s" : "span_snapshots", Math.Round(span, 6)),
            ("heap_alloc_first", first.HeapAlloc), ("heap_alloc_last", last.HeapAlloc),
            ("heap_inuse_first", first.HeapInuse), ("heap_inuse_last", last.HeapInuse),
            ("sys_first", first.Sys), ("sys_last", last.Sys),
        };
        if (last.NumGC is { } gcLast) rows.Add(("num_gc_last", gcLast));
        if (s.Count > 1 && first.NumGC is { } gc0 && last.NumGC is { } gc1)
        {
            rows.Add(("gcs_during_series", gc1 - gc0));
            if (timed && span > 0) rows.Add(("gc_per_s", Math.Round((gc1 - gc0) / span, 4)));
        }
        rows.Add(("gc_cpu_fraction_last", last.GCCPUFraction));
        var pauses = last.RecentPausesNs().Select(p => p / 1e6).Order().ToList();
        if (pauses.Count > 0)
        {
            rows.Add(("pause_ring_gcs", pauses.Count));
            rows.Add(("pause_p50_ms", Percentile.NearestRank(pauses, 50)));
            rows.Add(("pause_p99_ms", Percentile.NearestRank(pauses, 99)));
            rows.Add(("pause_max_ms", pauses[^1]));
        }
        var goroutines = s.Where(x => x.Goroutines is not null).Select(x => x.Goroutines!.Value).ToList();
        if (goroutines.Count > 0)
        {
            rows.Add(("goroutines_min", goroutines.Min()));
            rows.Add(("goroutines_max", goroutines.Max()));
        }
        return rows;
    }
}

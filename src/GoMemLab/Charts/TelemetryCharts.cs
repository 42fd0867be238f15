using GoMemLab.Telemetry;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace GoMemLab.Charts;

/// <summary>
/// Charts of runtime telemetry. Each returns a Plotly.NET chart; write it with <see cref="ChartHtml"/> or
/// <see cref="OfflineHtmlPage"/> so it renders offline. Series longer than <see cref="WebGlThreshold"/>
/// points are drawn with WebGL so a million-GC log stays responsive. Byte values are shown in MB = MiB.
/// </summary>
public static class TelemetryCharts
{
    /// <summary>Above this many points per trace, traces are drawn with WebGL (scattergl).</summary>
    public const int WebGlThreshold = 20_000;

    /// <summary>Heap at GC start, at mark end, live after GC, and the goal, against seconds since program start.</summary>
    public static GenericChart HeapOverTime(GcTrace trace)
    {
        var lines = trace.Lines;
        var at = lines.Select(l => l.AtSeconds).ToArray();
        var chart = CSharpChart.Combine(
        [
            Line(at, lines.Select(l => (double)l.HeapStartMb), "heap at GC start"),
            Line(at, lines.Select(l => (double)l.HeapEndMb), "heap at mark end"),
            Line(at, lines.Select(l => (double)l.HeapLiveMb), "live heap after GC"),
            Line(at, lines.Select(l => (double)l.GoalMb), "heap goal", dash: StyleParam.DrawingStyle.Dash),
        ]);
        return ChartStyle.Titled(chart, $"Heap per GC — {Path.GetFileName(trace.Source)}", "seconds since program start", "MB");
    }

    /// <summary>
    /// Two rows sharing the time axis: stop-the-world pause per GC (sweep termination + mark termination
    /// clock, ms) on a log axis, so the sub-millisecond body and the multi-millisecond tail are both readable (a pause
    /// printed as 0 cannot sit on a log axis: the axis title says how many there are), and the GC CPU share (the
    /// runtime's cumulative percent from each line).
    /// </summary>
    public static GenericChart PausesAndGcCpu(GcTrace trace)
    {
        var lines = trace.Lines;
        var at = lines.Select(l => l.AtSeconds).ToArray();
        var zero = lines.Count(l => l.StopTheWorldMs <= 0);
        var pauses = Markers(at, lines.Select(l => l.StopTheWorldMs), "stop-the-world pause (ms)")
            .WithYAxisStyle<double, double,
            string>(TitleText: zero == 0 ? "pause ms (log)" : $"pause ms (log; {zero} pauses of 0 not shown)",
                AxisType: StyleParam.AxisType.Log);
        var cpu = Line(at, lines.Select(l => (double)l.CpuPercent), "GC CPU % (cumulative)")
            .WithYAxisStyle<double, double, string>(TitleText: "GC CPU %");
        var grid = CSharpChart.Grid([pauses, cpu], 2, 1, Pattern: StyleParam.LayoutGridPattern.Coupled);
        return ChartStyle.Titled(grid, $"GC pauses and CPU — {Path.GetFileName(trace.Source)}", "seconds since program start", null);
    }

    /// <summary>
    /// Rows sharing the time axis: HeapAlloc, HeapInuse, HeapIdle, HeapReleased, Sys and StackInuse in MB; the
    /// goroutine count (when recorded); and the GC rate between snapshots, from NumGC's differences (NumGC itself is
    /// cumulative, so it is not drawn on a count axis beside a level such as goroutines). The x axis is seconds since
    /// the first snapshot, or the snapshot number when the series has no timestamps (the rate is then per snapshot).
    /// </summary>
    public static GenericChart MemStatsOverTime(MemStatsSeries series)
    {
        if (series.SeriesNames.Count > 1) return PerSeries(series);
        var x = series.Times.ToArray();
        GenericChart Bytes(MemStatsCounter counter, string name) =>
            Line(x, series.Snapshots.Select(s => s[counter] is { } v ? v / (double)(1 << 20) : double.NaN), name);
        var memory = CSharpChart.Combine(
        [
            Bytes(MemStatsCounter.HeapAlloc, "HeapAlloc"),
            Bytes(MemStatsCounter.HeapInuse, "HeapInuse"),
            Bytes(MemStatsCounter.HeapIdle, "HeapIdle"),
            Bytes(MemStatsCounter.HeapReleased, "HeapReleased"),
            Bytes(MemStatsCounter.Sys, "Sys"),
            Bytes(MemStatsCounter.StackInuse, "StackInuse"),
        ]).WithYAxisStyle<double, double, string>(TitleText: "MB");
        var perSecond = series.TimeSource == MemStatsTimeSource.Timestamps;
        // A rate needs two snapshots with NumGC: points without one are left out rather than drawn as NaN.
        var rate = Enumerable.Range(1, Math.Max(0, x.Length - 1))
            .Where(i => series.Snapshots[i].NumGC is not null && series.Snapshots[i - 1].NumGC is not null && x[i] > x[i - 1])
            .Select(i => (X: x[i],
            Y: ((double)series.Snapshots[i].NumGC!.Value - series.Snapshots[i - 1].NumGC!.Value) / (perSecond ? x[i] - x[i - 1] : 1)))
            .ToList();
        var rows = new List<GenericChart> { memory };
        if (series.Snapshots.Any(s => s.Goroutines is not null))
            rows.Add(Line(x, series.Snapshots.Select(s => s.Goroutines is { } g ? (double)g : double.NaN), "goroutines")
                .WithYAxisStyle<double, double, string>(TitleText: "goroutines"));
        var rateName = perSecond ? "GCs per second (from NumGC)" : "GCs per snapshot (from NumGC)";
        rows.Add(Line(rate.Select(r => r.X).ToArray(), rate.Select(r => r.Y), rateName).WithYAxisStyle<double, double,
            string>(TitleText: perSecond ? "GC/s" : "GCs"));
        var grid = CSharpChart.Grid(rows, rows.Count, 1, Pattern: StyleParam.LayoutGridPattern.Coupled);
        var xTitle = series.TimeSource == MemStatsTimeSource.Timestamps ? "seconds since first snapshot" : "snapshot";
        return ChartStyle.Titled(grid, $"runtime.MemStats — {FileNames(series.Source)}", xTitle, null);
    }

    // The files by name, as the gctrace charts show theirs: a chart never carries the machine's folders (URLs stay whole).
    private static string FileNames(string source) =>
        string.Join(", ", source.Split(", ").Select(s => Path.IsPathRooted(s) ? Path.GetFileName(s) : s));

    // Several label sets (Prometheus): one line per series for the heap and for goroutines, else the lines would zigzag between instances.
    private static GenericChart PerSeries(MemStatsSeries series)
    {
        var memory = new List<GenericChart>();
        var counts = new List<GenericChart>();
        foreach (var name in series.SeriesNames)
        {
            var indexes = Enumerable.Range(0, series.Snapshots.Count).Where(i => series.Snapshots[i].Series == name).ToArray();
            var x = indexes.Select(i => series.Times[i]).ToArray();
            var heap = indexes.Select(i => series.Snapshots[i].HeapInuse ?? series.Snapshots[i].HeapAlloc);
            memory.Add(Line(x, heap.Select(v => v is { } b ? b / (double)(1 << 20) : double.NaN), $"HeapInuse {name}"));
            if (indexes.Any(i => series.Snapshots[i].Goroutines is not null))
                counts.Add(Line(x, indexes.Select(i => series.Snapshots[i].Goroutines is { } g ? (double)g : double.NaN),
                    $"goroutines {name}"));
        }
        var rows = new List<GenericChart> { CSharpChart.Combine(memory).WithYAxisStyle<double, double, string>(TitleText: "MB") };
        if (counts.Count > 0) rows.Add(CSharpChart.Combine(counts).WithYAxisStyle<double, double, string>(TitleText: "goroutines"));
        var grid = CSharpChart.Grid(rows, rows.Count, 1, Pattern: StyleParam.LayoutGridPattern.Coupled);
        var xTitle = series.TimeSource == MemStatsTimeSource.Timestamps ? "seconds since first snapshot" : "snapshot";
        return ChartStyle.Titled(grid, $"runtime.MemStats per series — {series.Source}", xTitle, null);
    }

    private static GenericChart Line(double[] x, IEnumerable<double> y, string name, StyleParam.DrawingStyle? dash = null)
    {
        var values = y.ToArray();
        return dash is { } d
            ? CSharpChart.Line<double, double, string>(x, values, Name: name, LineDash: d, UseWebGL: x.Length > WebGlThreshold)
            : CSharpChart.Line<double, double, string>(x, values, Name: name, UseWebGL: x.Length > WebGlThreshold);
    }

    private static GenericChart Markers(double[] x, IEnumerable<double> y, string name) =>
        CSharpChart.Scatter<double, double, string>(x, y.ToArray(), StyleParam.Mode.Markers, Name: name,
            UseWebGL: x.Length > WebGlThreshold);
}

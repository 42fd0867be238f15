using System.Text;
using GoMemLab.Tables;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// Which heap signal a series' verdict row reports (`gomemlab memstats --verdict`): the live heap when the source has it,
/// else HeapInuse, else HeapAlloc, else none. Built on the real runtime/metrics lines of Go 1.19 (data/go/gometrics: the
/// program keeps 1 MiB per line), with the live heap added under the name Go 1.21's runtime/metrics/description.go gives
/// it, "/gc/heap/live:bytes", as a program on that Go would write it.
/// </summary>
public class SeriesVerdictsTests
{
    private static readonly string Lines = RepoPaths.Artifact("telemetry", "runtime-metrics.jsonl");

    [Fact]
    public void The_live_heap_is_the_heap_signal_when_the_source_has_it()
    {
        // A live heap that stays at 3 MiB while HeapInuse grows by 1 MiB a line.
        var text = File.ReadAllText(Lines).Replace("\"metrics\":{", "\"metrics\":{\"/gc/heap/live:bytes\":3145728,");
        var series = MemStatsSeries.Parse(Encoding.UTF8.GetBytes(text), "go1.21.jsonl");
        Assert.All(series.Snapshots, s => Assert.Equal(3145728UL, s.HeapLive));
        var row = Assert.Single(series.Verdicts().Rows);
        Assert.Equal("heap_live_mb", row.HeapMetric);
        Assert.Equal(0, row.SlopeMbPerMinute);
        Assert.True(double.IsNaN(row.RSquared), "a constant line has no R²");
        // The verdict is over every signal: HeapInuse still grows.
        Assert.Equal(LeakVerdict.Growing, row.Verdict);
        Assert.Equal("go1.21.jsonl", row.Series); // unlabelled: named by its source
    }

    [Fact]
    public void Without_the_live_heap_heap_inuse_is_the_signal_and_the_table_rounds_to_four_decimals()
    {
        var series = MemStatsSeries.Load(Lines);
        var row = Assert.Single(series.Verdicts().Rows);
        Assert.Equal("heap_inuse_mb", row.HeapMetric);
        Assert.Equal(LeakVerdict.Growing, row.Verdict);
        Assert.Equal(Path.GetFileName(Lines), Path.GetFileName(row.Series));
        // HeapInuse from the reference MemStats read beside each line grows about 1 MiB a line: the slope is positive.
        Assert.True(row.SlopeMbPerMinute > 0, $"slope {row.SlopeMbPerMinute}");
        Assert.NotEqual(Math.Round(row.SlopeMbPerMinute, 4), row.SlopeMbPerMinute);
        var frame = series.Verdicts().ToDataFrame();
        Assert.Equal(SeriesVerdicts.CsvHeader.Split(','), frame.Columns.Select(c => c.Name));
        Assert.Equal(["growing", Math.Round(row.SlopeMbPerMinute, 4), Math.Round(row.RSquared, 4)], frame.Rows[0].Skip(1));
    }

    [Fact]
    public void A_series_without_a_heap_metric_has_no_slope_and_prints_empty_cells()
    {
        // A scrape of a program that exports only its goroutine count (Prometheus text exposition, client_golang's name).
        var series = MemStatsSeries.Parse("# TYPE go_goroutines gauge\ngo_goroutines 12\n", "goroutines.prom");
        var row = Assert.Single(series.Verdicts().Rows);
        Assert.Equal("", row.HeapMetric);
        Assert.True(double.IsNaN(row.SlopeMbPerMinute));
        Assert.True(double.IsNaN(row.RSquared));
        Assert.Equal(LeakVerdict.InsufficientData, row.Verdict);
        var csv = TableWriter.ToString(series.Verdicts().ToDataFrame(), TableFormat.Csv);
        Assert.Equal(SeriesVerdicts.CsvHeader + "\ngoroutines.prom,insufficient data,,\n", csv.ReplaceLineEndings("\n"));
    }
}

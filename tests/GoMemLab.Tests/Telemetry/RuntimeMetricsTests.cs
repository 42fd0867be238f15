using System.Globalization;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// runtime/metrics JSON lines written by the documented snippet (data/go/gometrics/runtimemetrics.go), each beside
/// runtime.MemStats read right after it with nothing allocated in between: the runtime's own MemStats is the
/// reference for the mapping (Go 1.19 here; the names come from runtime/metrics/description.go).
/// </summary>
public class RuntimeMetricsTests
{
    private static readonly string Lines = RepoPaths.Artifact("telemetry", "runtime-metrics.jsonl");

    [Fact]
    public void Every_line_maps_onto_the_memstats_of_the_same_moment()
    {
        var series = MemStatsSeries.Load(Lines);
        var reference = File.ReadAllLines(Lines + ".memstats.jsonl");
        Assert.Equal(reference.Length, series.Snapshots.Count);
        Assert.Equal(0, series.Skipped.Count);
        Assert.Equal(MemStatsTimeSource.Timestamps, series.TimeSource);
        MemStatsCounter[] mapped =
        [
            MemStatsCounter.Alloc, MemStatsCounter.TotalAlloc, MemStatsCounter.Sys, MemStatsCounter.Mallocs, MemStatsCounter.Frees,
            MemStatsCounter.HeapAlloc, MemStatsCounter.HeapSys, MemStatsCounter.HeapIdle, MemStatsCounter.HeapInuse,
            MemStatsCounter.HeapReleased, MemStatsCounter.HeapObjects, MemStatsCounter.StackInuse, MemStatsCounter.StackSys,
            MemStatsCounter.MSpanInuse, MemStatsCounter.MSpanSys, MemStatsCounter.MCacheInuse, MemStatsCounter.MCacheSys,
            MemStatsCounter.BuckHashSys, MemStatsCounter.GCSys, MemStatsCounter.OtherSys, MemStatsCounter.NextGC,
            MemStatsCounter.NumGC, MemStatsCounter.NumForcedGC,
        ];
        var fields = string.Join(", ", mapped.Select(c => "." + c));
        var jq = ExternalTools.Run("jq", ["-r", $"[{fields}, .goroutines] | @tsv", Lines + ".memstats.jsonl"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < jq.Length; i++)
        {
            var values = jq[i].Split('\t').Select(v => ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var s = series.Snapshots[i];
            for (int f = 0; f < mapped.Length; f++)
                Assert.True(values[f] == s[mapped[f]], $"line {i + 1} {mapped[f]}: MemStats {values[f]}, runtime/metrics {s[mapped[f]]}");
            Assert.Equal((long)values[^1], s.Goroutines);
            // Not in runtime/metrics as scalars: they stay empty, never 0.
            Assert.Null(s[MemStatsCounter.LastGC]);
            Assert.Null(s[MemStatsCounter.PauseTotalNs]);
            Assert.Null(s.HeapLive); // /gc/heap/live:bytes is Go 1.21+; this is Go 1.19
        }
        Assert.Equal(LeakVerdict.Growing, series.Verdict()); // the program keeps 1 MiB per line
    }

    [Fact]
    public void Newer_names_fill_the_live_heap_gogc_and_the_limit()
    {
        // Names from Go 1.21's runtime/metrics/description.go: "/gc/heap/live:bytes", "/gc/gogc:percent",
        // "/gc/gomemlimit:bytes" (not emitted by this Go 1.19, so the line is written here).
        var line = """{"unix_nano":1700000000000000000,"metrics":{"/gc/heap/live:bytes":3145728,"""
            + """ "/gc/heap/goal:bytes":6291456,"/gc/gogc:percent":-1,"/gc/gomemlimit:bytes":9223372036854775807}}""";
        var s = MemStatsSeries.Parse(line, "go1.21.jsonl").Snapshots.Single();
        Assert.Equal(3145728UL, s.HeapLive);
        Assert.Equal(6291456UL, s.NextGC);
        Assert.Equal(-1, s.GcPercent);
        Assert.Equal(9223372036854775807UL, s.MemoryLimit);
        Assert.Null(s.HeapInuse); // its parts are not in the line
        var columns = MemStatsSeries.Parse(line, "go1.21.jsonl").ToDataFrame().Columns.Select(c => c.Name).ToList();
        Assert.Contains("heap_live", columns);
        Assert.Contains("gogc", columns);
        Assert.Contains("gomemlimit", columns);
    }
}

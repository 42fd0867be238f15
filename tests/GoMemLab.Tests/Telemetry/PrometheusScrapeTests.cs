using System.Globalization;
using GoMemLab.Inputs;
using GoMemLab.Telemetry;
using GoMemLab.Telemetry.Prometheus;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// Real scrapes from data/go/gometrics (client_golang's format: the v1.24 collector, the older v1.11 one, OpenMetrics),
/// each checked against runtime.MemStats of the same reading, written by the Go program as JSON: the runtime is the
/// reference, read here with grep and jq, never with the code under test.
/// </summary>
public class PrometheusScrapeTests
{
    private static string Prometheus(params string[] parts) => RepoPaths.Artifact(["telemetry", "prometheus", .. parts]);

    /// <summary>Every integer field of a MemStats JSON file as grep finds it (first occurrence: the top level comes before
    /// BySize).</summary>
    private static Dictionary<string, ulong> Integers(string path)
    {
        var result = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var match in ExternalTools.Run("grep", ["-oE", "\"[A-Za-z_]+\":[0-9]+", path]).Split('\n',
            StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = match.LastIndexOf(':');
            result.TryAdd(match[1..(colon - 1)], ulong.Parse(match[(colon + 1)..], CultureInfo.InvariantCulture));
        }
        return result;
    }

    public static TheoryData<string, string> Scrapes() => new()
    {
        { "api-0", "scrape-1.prom" }, { "api-0", "scrape-8.prom" }, { "api-1", "scrape-4.prom" },
        { "old-client", "scrape-2.prom" }, { "openmetrics", "scrape-3.txt" },
    };

    [Theory]
    [MemberData(nameof(Scrapes))]
    public void A_scrape_loads_with_the_exact_values_of_the_same_reading_of_MemStats(string folder, string file)
    {
        var snapshot = MemStatsSeries.Load(Prometheus(folder, file)).Snapshots.Single();
        var jsonPath = Prometheus(folder, "memstats-" + file.Split('-', '.')[1] + ".json");
        var go = Integers(jsonPath);
        foreach (var counter in Enum.GetValues<MemStatsCounter>())
        {
            if (counter is MemStatsCounter.LastGC or MemStatsCounter.NumForcedGC) continue;
            if (counter == MemStatsCounter.Lookups && folder != "old-client") { Assert.Null(snapshot[counter]); continue; }
            Assert.True(go[counter.ToString()] == snapshot[counter],
                $"{counter}: MemStats {go[counter.ToString()]}, scrape {snapshot[counter]}");
        }
        // go_memstats_last_gc_time_seconds is float64(ns)/1e9: a Unix time in seconds keeps 53 bits, ~240 ns at today's dates.
        Assert.InRange((double)snapshot[MemStatsCounter.LastGC]!.Value - go["LastGC"], -256, 256);
        Assert.Null(snapshot[MemStatsCounter.NumForcedGC]); // client_golang does not export it
        Assert.Equal((long)go["goroutines"], snapshot.Goroutines);
        Assert.Equal(go["rss"], snapshot.Rss);
        var quantiles = ExternalTools.Run("jq", ["-r", ".pause_quantiles_ns | @tsv", jsonPath]).Trim().Split('\t')
            .Select(v => ulong.Parse(v, CultureInfo.InvariantCulture));
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], snapshot.PauseQuantiles.Select(q => q.Quantile));
        Assert.Equal(quantiles, snapshot.PauseQuantiles.Select(q => q.Ns));
        if (folder == "old-client")
        {
            Assert.Null(snapshot.GcPercent);
            Assert.Null(snapshot.MemoryLimit);
            var fraction = double.Parse(ExternalTools.Run("jq", ["-r", ".GCCPUFraction", jsonPath]).Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(fraction, snapshot.GCCPUFraction);
        }
        else
        {
            Assert.Equal((long)go["gogc"], snapshot.GcPercent);
            // math.MaxInt64 (no limit) goes through float64 on the way out: 2^63 comes back.
            Assert.Equal((ulong)(double)go["gomemlimit"], snapshot.MemoryLimit);
        }
    }

    [Fact]
    public void Other_series_are_ignored_but_counted_one_per_sample_line()
    {
        var path = Prometheus("openmetrics", "scrape-1.txt");
        var series = MemStatsSeries.Load(path);
        // Samples the mapping does not read: go_info, go_threads, GOMAXPROCS, the process_ family but RSS, promhttp (with _created).
        var others = ExternalTools.Run("grep", ["-cE",
            "^(go_info|go_threads|go_sched_gomaxprocs_threads|process_[a-z_]+|promhttp_[a-z_]+)[ {]", path]).Trim();
        var rss = ExternalTools.Run("grep", ["-c", "^process_resident_memory_bytes ", path]).Trim();
        Assert.Equal(long.Parse(others, CultureInfo.InvariantCulture) - long.Parse(rss, CultureInfo.InvariantCulture),
            series.Skipped.Count);
        Assert.Equal(series.Skipped.Count, series.Skipped.ByReason[PrometheusText.OtherMetric]);
        Assert.Contains("_created", File.ReadAllText(path));
        Assert.EndsWith("# EOF\n", File.ReadAllText(path));
    }

    [Fact]
    public void Scrapes_one_per_file_make_a_series_by_order_and_the_leaking_instance_grows()
    {
        var leaking = MemStatsSeries.Load(Prometheus("api-0", "scrape-*.prom"));
        var steady = MemStatsSeries.Load(Prometheus("api-1", "scrape-*.prom"));
        Assert.Equal(8, leaking.Snapshots.Count);
        Assert.Equal(MemStatsTimeSource.Order, leaking.TimeSource); // a scrape file carries no time
        Assert.False(leaking.HasLabels);
        Assert.Equal(LeakVerdict.Growing, leaking.Verdict());
        Assert.Equal(LeakVerdict.Steady, steady.Verdict());
        var verdict = Assert.Single(leaking.Verdicts().Rows);
        Assert.True(double.IsNaN(verdict.SlopeMbPerMinute), "no timestamps: no slope per minute");
        Assert.Equal("heap_inuse_mb", verdict.HeapMetric);
    }

    [Fact]
    public void Memstats_csv_keeps_its_columns_and_verdict_has_the_contract_header()
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("memstats", Prometheus("api-0", "scrape-*.prom"), "--format", "csv");
        Assert.Equal(0, exit);
        var today = "time_s,timestamp,goroutines,alloc,total_alloc,sys,lookups,mallocs,frees,heap_alloc,heap_sys,heap_idle,"
            + "heap_inuse,heap_released,heap_objects,stack_inuse,stack_sys,mspan_inuse,mspan_sys,mcache_inuse,mcache_sys,"
            + "buck_hash_sys,gc_sys,other_sys,next_gc,last_gc,"
            + "pause_total_ns,num_gc,num_forced_gc,gc_cpu_fraction";
        Assert.StartsWith(today.Replace("time_s,", "snapshot,"), stdout);
        Assert.Contains(",gogc,gomemlimit,rss,pause_q0_ns,pause_q25_ns,pause_q50_ns,pause_q75_ns,pause_q100_ns\n", stdout);
        Assert.Contains("other metric (ignored)", stderr);
        (exit, stdout, _) = GomemlabCli.Run("memstats", Prometheus("api-0", "scrape-*.prom"), "--verdict", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith(SeriesVerdicts.CsvHeader + "\n", stdout);
        Assert.Equal("series,verdict,slope_mb_per_min,r2", SeriesVerdicts.CsvHeader);
        Assert.Contains(",growing,,", stdout);
    }

    [Fact]
    public void A_scrape_without_go_metrics_says_so_and_names_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("node.prom");
        File.WriteAllText(path, "# TYPE node_load1 gauge\nnode_load1 0.42\nnode_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1.5e+06\n");
        var e = Assert.Throws<InputFormatException>(() => MemStatsSeries.Load(path));
        Assert.Equal($"{path}: has no Go runtime metrics (no go_memstats_*, go_goroutines or go_gc_duration_seconds series); "
            + "2 samples of other metrics, e.g. node_cpu_seconds_total, node_load1; is this the /metrics of a Go program with "
                + "client_golang's Go collector?",
            e.Message);
        var (exit, stdout, stderr) = GomemlabCli.Run("memstats", path);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("node.prom", stderr);
    }

    [Fact]
    public void A_malformed_line_names_the_file_and_line_and_exits_2()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.prom");
        var real = File.ReadAllLines(Prometheus("api-0", "scrape-1.prom"));
        var lines = real.ToList();
        lines[14] = lines[14][..(lines[14].IndexOf(' ') + 1)] + "3.5e+0x"; // a sample line with a damaged value
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<InputFormatException>(() => MemStatsSeries.Load(path));
        Assert.Equal(15, e.Line);
        Assert.Contains("is not a number", e.Message);
        var (exit, _, stderr) = GomemlabCli.Run("memstats", path);
        Assert.Equal(2, exit);
        Assert.StartsWith($"gomemlab: {path}:15: malformed sample: value \"3.5e+0x\" is not a number", stderr);
    }
}

using System.Diagnostics;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// A live /metrics endpoint: data/go/gometrics built and serving on loopback (`-addr 127.0.0.1:0`, stopped at the end),
/// polled as the CLI and #!memstats poll it, in the text format and in OpenMetrics.
/// </summary>
public sealed class PrometheusLiveTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Process _process;
    private readonly string _url;

    public PrometheusLiveTests()
    {
        ExternalTools.GoBuild(RepoPaths.Data("go", "gometrics"), ".", _folder.File("gometrics"));
        var info = new ProcessStartInfo(_folder.File("gometrics"), ["-addr", "127.0.0.1:0", "-duration", "60s", "-leak", "1048576"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _ = _process.StandardError.ReadToEndAsync();
        var line = _process.StandardOutput.ReadLine() ?? "";
        Assert.StartsWith("listening on http://127.0.0.1:", line);
        _url = line["listening on ".Length..].Trim();
    }

    [Fact]
    public async Task Polling_metrics_gives_timed_readings_of_the_running_program()
    {
        using var poller = new MemStatsPoller(new Uri(_url + "/metrics"), TimeSpan.FromSeconds(5));
        var reported = 0;
        var series = await poller.PollAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1.2), (_, _) => reported++);
        Assert.Equal(5, series.Snapshots.Count); // immediate first poll, then every 0.3 s up to 1.2 s
        Assert.Equal(5, reported);
        Assert.Equal(MemStatsTimeSource.Timestamps, series.TimeSource);
        Assert.False(series.HasLabels);
        // The program keeps 1 MiB per scrape it serves: each reading's TotalAlloc is at least 1 MiB past the last.
        Assert.All(series.Snapshots.Zip(series.Snapshots.Skip(1)), p => Assert.True(p.Second.TotalAlloc() >= p.First.TotalAlloc()
            + (1 << 20)));
        Assert.All(series.Snapshots, s => Assert.True(s.NumGC >= 1 && s.Rss > 0 && s.GcPercent == 100));
    }

    [Fact]
    public async Task OpenMetrics_from_the_same_endpoint_reads_the_same_fields()
    {
        var series = await MemStatsSeries.LoadAsync(_url + "/metrics?format=openmetrics");
        var s = Assert.Single(series.Snapshots);
        Assert.True(s.HeapInuse > 0 && s.NumGC >= 1 && s.PauseQuantiles.Count == 5);
    }

    [Fact]
    public void The_cli_polls_the_url_with_every_and_for()
    {
        var (exit, stdout, _) = GomemlabCli.Run("memstats", _url + "/metrics", "--every", "250ms", "--for", "750ms", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length); // header and four readings
        Assert.StartsWith("time_s,timestamp,goroutines,", lines[0]);
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        _folder.Dispose();
    }
}

internal static class SnapshotFields
{
    public static ulong TotalAlloc(this MemStatsSnapshot s) => s[MemStatsCounter.TotalAlloc] ?? 0;
}

using System.Diagnostics;
using GoMemLab.Inputs;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// Polls the real leaky service from data/go/leaky on loopback (built into a temp dir and killed at the
/// end), and checks the errors for endpoints that refuse or never answer.
/// </summary>
public sealed class MemStatsPollerTests
{
    [Fact]
    public async Task Polling_the_leaky_service_collects_timed_snapshots_and_reports_each()
    {
        using var service = await LeakyService.StartAsync();
        var url = service.Url;
        Assert.StartsWith("http://127.0.0.1:", url);
        var reported = new List<int>();
        using var poller = new MemStatsPoller(new Uri(url + "/debug/vars"), TimeSpan.FromSeconds(5));
        var series = await poller.PollAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3),
            (snapshot, soFar) => reported.Add(soFar.Snapshots.Count));

        Assert.Equal(7, series.Snapshots.Count); // immediate first poll, then every 0.5 s up to 3 s
        Assert.Equal(Enumerable.Range(1, 7), reported);
        Assert.Equal(MemStatsTimeSource.Timestamps, series.TimeSource);
        Assert.True(series.Times.Zip(series.Times.Skip(1)).All(p => p.Second > p.First));
        Assert.True(series.Snapshots.Zip(series.Snapshots.Skip(1)).All(p => p.Second.NumGC >= p.First.NumGC));
        var handled = series.Snapshots.Select(s => s.Extras["handled"]).ToList();
        Assert.True(handled[^1] > handled[0], "the service handles requests while we poll");
        Assert.Equal(256, series.Snapshots[0].PauseNs.Count);
    }

    [Fact]
    public async Task A_refused_connection_is_an_input_error_naming_the_url()
    {
        var port = Loopback.FreePort();
        var url = $"http://127.0.0.1:{port}/debug/vars";
        using var poller = new MemStatsPoller(new Uri(url), TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<InputFormatException>(() => poller.PollAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        Assert.Contains(url, e.Message);
        Assert.Contains("is unreachable: connection refused", e.Message);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_fails_at_the_timeout()
    {
        using var silent = new Loopback.Silent();
        var url = $"http://127.0.0.1:{silent.Port}/debug/vars";
        using var poller = new MemStatsPoller(new Uri(url), TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<InputFormatException>(() => poller.FetchAsync());
        Assert.Contains("did not answer within 0.5 s", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "must not hang"); // a hang guard, not a speed test
    }
}

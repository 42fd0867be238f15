using System.Net.Http;
using System.Text;
using System.Text.Json;
using GoMemLab.Inputs;
using GoMemLab.Telemetry.Prometheus;

namespace GoMemLab.Telemetry;

/// <summary>
/// Polls a Go service over HTTP for MemStats readings: an expvar endpoint (<c>http://HOST:PORT/debug/vars</c>, JSON)
/// or a Prometheus endpoint (<c>http://HOST:PORT/metrics</c>, text or OpenMetrics; one reading per label set), told
/// apart by the body. Each reading is stamped with the local time of the response, so the series has a real time
/// axis. Used by the CLI and the <c>#!memstats</c> magic. Errors: an unreachable URL, a non-2xx status, a timeout or
/// a body that is neither throw <see cref="InputFormatException"/> naming the URL, within <see cref="Timeout"/> of
/// the request; cancellation stops polling and returns what was collected so far. The caller owns the HttpClient it
/// passes (or one is created and disposed).
/// </summary>
public sealed class MemStatsPoller : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>A poller for <paramref name="url"/> (http or https, else <see cref="ArgumentException"/>); <paramref name="timeout"/>
    /// defaults to 5 s.</summary>
    public MemStatsPoller(Uri url, TimeSpan? timeout = null, HttpClient? http = null)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"{url}: expected an http:// or https:// URL of a /debug/vars or /metrics endpoint");
        Url = url;
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
        _ownsClient = http is null;
        _http = http ?? new HttpClient();
    }

    public Uri Url { get; }

    /// <summary>Deadline for each request (connect, status and body).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Fetches the readings of one request now: one for expvar, one per label set for Prometheus.</summary>
    public async Task<IReadOnlyList<MemStatsSnapshot>> FetchAsync(CancellationToken cancellation = default)
    {
        var body = await HttpInput.GetAsync(_http, Url, Timeout, "expvar (/debug/vars) or Prometheus (/metrics)",
            cancellation).ConfigureAwait(false);
        var stamp = DateTimeOffset.UtcNow;
        var source = Url.ToString();
        var text = Encoding.UTF8.GetString(body);
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (!MemStatsJson.TryRead(document.RootElement, 0, out var snapshot, out var reason))
                    throw new InputFormatException(source, $"{reason}; expected an expvar /debug/vars body with \"memstats\"");
                return [snapshot! with { Timestamp = stamp }];
            }
            catch (JsonException e)
            {
                throw new InputFormatException(source, "answered with a body that is not JSON", inner: e);
            }
        }
        if (!PrometheusText.LooksLikeScrape(text))
            throw new InputFormatException(source, "answered with a body that is neither expvar JSON nor Prometheus metrics");
        var samples = PrometheusText.Parse(text, source, out _, cancellation);
        return PrometheusSnapshots.Build(samples, source, new SkippedLines(), byTime: false).Select(s
            => s with { Timestamp = stamp }).ToList();
    }

    /// <summary>
    /// Polls every <paramref name="every"/> for <paramref name="duration"/> (the first fetch is immediate,
    /// so a 30 s run at 1 s gives 31 fetches), calling <paramref name="onSnapshot"/> with each reading and the
    /// series so far. Returns the series; on cancellation returns what was collected.
    /// </summary>
    public async Task<MemStatsSeries> PollAsync(TimeSpan every, TimeSpan duration,
        Action<MemStatsSnapshot, MemStatsSeries>? onSnapshot = null, CancellationToken cancellation = default)
    {
        if (every <= TimeSpan.Zero) throw new ArgumentException("the polling interval must be positive");
        if (duration < TimeSpan.Zero) throw new ArgumentException("the polling duration must not be negative");
        var snapshots = new List<MemStatsSnapshot>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (int i = 0; ; i++)
            {
                foreach (var fetched in await FetchAsync(cancellation).ConfigureAwait(false))
                {
                    var snapshot = fetched with { Sequence = snapshots.Count };
                    snapshots.Add(snapshot);
                    onSnapshot?.Invoke(snapshot, Series(snapshots));
                }
                var next = every * (i + 1);
                if (next > duration) break;
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        return Series(snapshots);
    }

    /// <summary>Same as the callback overload, reporting each reading through <paramref name="progress"/>.</summary>
    public Task<MemStatsSeries> PollAsync(TimeSpan every, TimeSpan duration, IProgress<MemStatsSnapshot> progress,
        CancellationToken cancellation = default) =>
        PollAsync(every, duration, (s, _) => progress.Report(s), cancellation);

    private MemStatsSeries Series(List<MemStatsSnapshot> snapshots) => MemStatsSeries.GroupedBySeries(Url.ToString(), snapshots);

    /// <summary>Disposes the HttpClient when the poller created it.</summary>
    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}

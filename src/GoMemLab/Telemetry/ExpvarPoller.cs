using System.Net.Http;
using System.Text.Json;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry;

/// <summary>
/// Polls a Go service's expvar endpoint (<c>http://HOST:PORT/debug/vars</c>) and turns each body into a
/// <see cref="MemStatsSnapshot"/> stamped with the local time of the response, so the series has a real
/// time axis. Used by the CLI and the <c>#!memstats</c> magic. Errors: an unreachable URL, a non-2xx
/// status, a timeout or a body that is not expvar/MemStats JSON throw <see cref="InputFormatException"/>
/// naming the URL, within <see cref="Timeout"/> of the request; cancellation stops polling and returns
/// what was collected so far. The caller owns the HttpClient it passes (or one is created and disposed).
/// </summary>
public sealed class ExpvarPoller : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>A poller for <paramref name="url"/> (http or https, else <see cref="ArgumentException"/>); <paramref name="timeout"/> defaults to 5 s.</summary>
    public ExpvarPoller(Uri url, TimeSpan? timeout = null, HttpClient? http = null)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"{url}: expected an http:// or https:// URL of a /debug/vars endpoint");
        Url = url;
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
        _ownsClient = http is null;
        _http = http ?? new HttpClient();
    }

    public Uri Url { get; }

    /// <summary>Deadline for each request (connect, status and body).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Fetches one snapshot now.</summary>
    public async Task<MemStatsSnapshot> FetchAsync(CancellationToken cancellation = default)
    {
        var body = await HttpInput.GetAsync(_http, Url, Timeout, "expvar (/debug/vars)", cancellation).ConfigureAwait(false);
        var stamp = DateTimeOffset.UtcNow;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!MemStatsJson.TryRead(document.RootElement, 0, out var snapshot, out var reason))
                throw new InputFormatException(Url.ToString(), $"{reason}; expected an expvar /debug/vars body with \"memstats\"");
            return snapshot! with { Timestamp = stamp };
        }
        catch (JsonException e)
        {
            throw new InputFormatException(Url.ToString(), "answered with a body that is not JSON", inner: e);
        }
    }

    /// <summary>
    /// Polls every <paramref name="every"/> for <paramref name="duration"/> (the first fetch is immediate,
    /// so a 30 s run at 1 s gives 31 snapshots), calling <paramref name="onSnapshot"/> with each snapshot
    /// and the series so far. Returns the series; on cancellation returns what was collected.
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
                var snapshot = (await FetchAsync(cancellation).ConfigureAwait(false)) with { Sequence = snapshots.Count };
                snapshots.Add(snapshot);
                onSnapshot?.Invoke(snapshot, new MemStatsSeries(Url.ToString(), snapshots.ToArray()));
                var next = every * (i + 1);
                if (next > duration) break;
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        return new MemStatsSeries(Url.ToString(), snapshots);
    }

    /// <summary>Same as the callback overload, reporting each snapshot through <paramref name="progress"/>.</summary>
    public Task<MemStatsSeries> PollAsync(TimeSpan every, TimeSpan duration, IProgress<MemStatsSnapshot> progress,
        CancellationToken cancellation = default) =>
        PollAsync(every, duration, (s, _) => progress.Report(s), cancellation);

    /// <summary>Disposes the HttpClient when the poller created it.</summary>
    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}

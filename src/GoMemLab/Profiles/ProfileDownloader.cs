using System.Web;
using GoMemLab.Inputs;

namespace GoMemLab.Profiles;

/// <summary>
/// Fetches a profile from a net/http/pprof endpoint with <see cref="HttpClient"/>. The wait allowed is the
/// caller's timeout plus the URL's <c>seconds</c> parameter (CPU and delta profiles answer only after it).
/// Every failure becomes an <see cref="InputFormatException"/> naming the URL: refused or unreachable hosts,
/// HTTP status errors (with the first line of the server's answer) and timeouts.
/// </summary>
internal static class ProfileDownloader
{
    public static async Task<Profile> LoadAsync(string url, TimeSpan? timeout, IProgress<LoadProgress>? progress, CancellationToken cancel)
    {
        var uri = HttpInput.ParseUrl(url);
        // A CPU profile takes `seconds` to record before the server answers.
        var wait = (timeout ?? TimeSpan.FromSeconds(60)) + TimeSpan.FromSeconds(SecondsParameter(uri));
        using var client = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        progress?.Report(new LoadProgress("downloading", 0, 0, 0));
        var body = await HttpInput.GetAsync(client, uri, wait, "net/http/pprof", cancel).ConfigureAwait(false);
        return ProfileLoader.Load(body, url, progress, cancel);
    }

    private static int SecondsParameter(Uri uri) =>
        int.TryParse(HttpUtility.ParseQueryString(uri.Query)["seconds"], out var seconds) && seconds > 0 ? seconds : 0;
}

using System.Net.Sockets;
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
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new InputFormatException(url, "is not an http:// or https:// URL");
        var wait = (timeout ?? TimeSpan.FromSeconds(60)) + TimeSpan.FromSeconds(SecondsParameter(uri));
        // The same size limit as for files, so a wrong URL cannot fill the memory.
        using var client = new HttpClient { Timeout = wait, MaxResponseContentBufferSize = Math.Min(InputFile.MaxBytes, int.MaxValue) };
        byte[] body;
        try
        {
            progress?.Report(new LoadProgress("downloading", 0, 0, 0));
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancel).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var message = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200))).Split('\n')[0].Trim();
                throw new InputFormatException(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(message.Length > 0 ? ": " + message : "")}");
            }
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException s ? s.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is the program running and serving net/http/pprof on that port?)",
                SocketError.HostNotFound => "host not found",
                _ => s.Message,
            } : e.Message;
            throw new InputFormatException(url, $"cannot fetch the profile: {reason}", inner: e);
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new InputFormatException(url, $"cannot fetch the profile: no answer within {wait.TotalSeconds:0} s", inner: e);
        }
        return ProfileLoader.Load(body, url, progress);
    }

    private static int SecondsParameter(Uri uri) =>
        int.TryParse(HttpUtility.ParseQueryString(uri.Query)["seconds"], out var seconds) && seconds > 0 ? seconds : 0;
}

using System.Net.Sockets;

namespace GoMemLab.Inputs;

/// <summary>
/// Fetches what a Go program serves over HTTP (net/http/pprof profiles, expvar /debug/vars) the one way
/// every GoMemLab reader does: a deadline for the whole request, the same size limit as for files, and every
/// failure as an <see cref="InputFormatException"/> naming the URL — refused, unreachable, silent past the
/// deadline, or an HTTP error status with the first line of the body the server sent.
/// </summary>
public static class HttpInput
{
    /// <summary>True when <paramref name="pathOrUrl"/> starts with http:// or https:// (any case): a URL, not a file.</summary>
    public static bool IsUrl(string pathOrUrl) =>
        pathOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || pathOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses an http(s) URL, or throws naming it.</summary>
    public static Uri ParseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InputFormatException(url, "is not an http:// or https:// URL");

    /// <summary>
    /// GETs <paramref name="url"/> within <paramref name="timeout"/>; <paramref name="serves"/> completes the
    /// advice for a refused connection ("is the program running and serving {serves} on that port?").
    /// Cancellation by the caller throws <see cref="OperationCanceledException"/> as usual.
    /// </summary>
    public static async Task<byte[]> GetAsync(HttpClient http, Uri url, TimeSpan timeout, string serves,
        CancellationToken cancellation = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > InputFile.MaxBytes)
                throw new InputFormatException(url.ToString(),
                    $"would send {response.Content.Headers.ContentLength:N0} bytes, over the {InputFile.MaxBytes:N0}-byte limit; set "
                        + "GOMEMLAB_MAX_INPUT_BYTES to raise it");
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (body.LongLength > InputFile.MaxBytes)
                throw new InputFormatException(url.ToString(),
                    $"sent {body.LongLength:N0} bytes, over the {InputFile.MaxBytes:N0}-byte limit; set "
                        + "GOMEMLAB_MAX_INPUT_BYTES to raise it");
            if (!response.IsSuccessStatusCode)
            {
                var first = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200))).Split('\n')[0].Trim();
                throw new InputFormatException(url.ToString(),
                    $"answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(first.Length > 0 ? ": " + first : "")}");
            }
            return body;
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new InputFormatException(url.ToString(), $"did not answer within {timeout.TotalSeconds:0.###} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException socket ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"connection refused (is the program running and serving {serves} on that port?)",
                SocketError.HostNotFound => "host not found",
                _ => socket.Message,
            } : e.Message.TrimEnd('.');
            throw new InputFormatException(url.ToString(), $"is unreachable: {reason}", inner: e);
        }
    }
}

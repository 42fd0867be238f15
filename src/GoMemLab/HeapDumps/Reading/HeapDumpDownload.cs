using GoMemLab.Inputs;

namespace GoMemLab.HeapDumps.Reading;

/// <summary>
/// Downloads a heap dump served over HTTP (a <c>/debug/heapdump</c> handler) to a temporary file: a dump is read
/// from a file, not from memory, so a 1 GB dump is never held whole. The response streams to disk; the size limit
/// (<see cref="InputFile.MaxBytes"/>) holds as for files.
/// </summary>
internal static class HeapDumpDownload
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static Task<string> ToTempFileAsync(string url, CancellationToken cancel, TimeSpan? timeout = null) =>
        ToFileAsync(url, Path.Combine(Path.GetTempPath(), $"gomemlab-heapdump-{Guid.NewGuid():N}"), cancel, timeout);

    /// <summary>Streams the dump at <paramref name="url"/> into <paramref name="temp"/>, a file that must not exist yet (removed on
    /// failure).</summary>
    public static async Task<string> ToFileAsync(string url, string temp, CancellationToken cancel, TimeSpan? timeout = null)
    {
        var uri = HttpInput.ParseUrl(url);
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(limit);
        if (File.Exists(temp)) throw new InputFormatException(temp, "exists already: a heap dump is saved only to a new file");
        try
        {
            using var response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new InputFormatException(url, $"answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > InputFile.MaxBytes)
                    throw new InputFormatException(url,
                        $"sent over {InputFile.MaxBytes:N0} bytes, the input limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it");
                await file.WriteAsync(buffer.AsMemory(0, read), deadline.Token).ConfigureAwait(false);
            }
            return temp;
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            File.Delete(temp);
            throw new InputFormatException(url, $"did not finish within {limit.TotalSeconds:0} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            File.Delete(temp);
            throw new InputFormatException(url, $"is unreachable: {e.Message.TrimEnd('.')}", inner: e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}

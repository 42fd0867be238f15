using System.IO.Compression;
using System.Text;
using GoMemLab.Inputs;
using GoMemLab.Profiles;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// Recognises which goroutine dump form a file, download or byte array holds, from its first 64 KiB
/// (after gunzipping): binary data is a pprof protobuf (read by <see cref="ProfileLoader"/>); text whose first
/// line is <c>goroutine profile: total N</c> or <c>goroutineleak profile: total N</c> is debug=1; text with a
/// <c>goroutine N [state]:</c> header is debug=2 or a traceback. debug=2 text is streamed, never held whole.
/// </summary>
internal static class GoroutineDumpLoader
{
    private const int SniffBytes = 64 << 10;

    private enum Content { Protobuf, CountText, Stacks }

    public static GoroutineDump LoadFile(string path, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        try
        {
            Content content;
            long length;
            using (var file = InputFile.OpenRead(path))
            {
                length = file.CanSeek ? file.Length : -1;
                if (length == 0) throw new InputFormatException(path, Expected("is empty"));
                var gzip = IsGzip(file);
                content = Sniff(path, ReadHead(gzip ? Gunzipping(file) : file));
                if (gzip) length = -1;
            }
            if (content == Content.Protobuf)
                return ProtobufGoroutines.FromProfile(ProfileLoader.Load(path, null, cancel), path, null);
            using var stream = OpenText(path);
            return content == Content.CountText
                ? CountTextReader.Read(stream, path, null, cancel)
                : TracebackTextReader.Read(stream, path, length, null, cancel);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(path, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new InputFormatException(path, $"cannot be read: {e.Message}", inner: e);
        }
    }

    public static GoroutineDump LoadBytes(byte[] bytes, string name, DateTimeOffset? capturedAt, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (bytes.Length == 0) throw new InputFormatException(name, Expected("is empty"));
        try
        {
            var gzip = InputFile.IsGzip(bytes);
            Stream Open() => gzip ? new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress)
                : new MemoryStream(bytes, writable: false);
            Content content;
            using (var head = Open()) content = Sniff(name, ReadHead(head));
            if (content == Content.Protobuf)
                return ProtobufGoroutines.FromProfile(ProfileLoader.Load(bytes, name, null, cancel), name, capturedAt);
            using var stream = Open();
            return content == Content.CountText
                ? CountTextReader.Read(stream, name, capturedAt, cancel)
                : TracebackTextReader.Read(stream, name, gzip ? -1 : bytes.Length, capturedAt, cancel);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(name, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
        }
    }

    public static async Task<GoroutineDump> LoadPathOrUrlAsync(string pathOrUrl, CancellationToken cancel)
    {
        if (!HttpInput.IsUrl(pathOrUrl)) return await Task.Run(() => LoadFile(pathOrUrl, cancel), cancel).ConfigureAwait(false);
        var uri = HttpInput.ParseUrl(pathOrUrl);
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var body = await HttpInput.GetAsync(client, uri, TimeSpan.FromSeconds(60), "net/http/pprof", cancel).ConfigureAwait(false);
        var answered = DateTimeOffset.UtcNow;
        return await Task.Run(() => LoadBytes(body, pathOrUrl, answered, cancel), cancel).ConfigureAwait(false);
    }

    private static Content Sniff(string name, Head head)
    {
        var text = head.Bytes.AsSpan(0, Math.Min(head.Bytes.Length, 4096));
        foreach (var b in text)
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
                return Content.Protobuf;
        var lines = Encoding.UTF8.GetString(head.Bytes).Split('\n');
        var first = lines.Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        var profile = CountTextReader.ProfileName(first);
        if (profile is "goroutine" or "goroutineleak") return Content.CountText;
        if (profile is not null)
            throw new InputFormatException(name, $"is a debug=1 {profile} profile, not a goroutine dump", line: 1);
        if (first.StartsWith("heap profile:", StringComparison.Ordinal))
            throw new InputFormatException(name, "is a debug=1 heap profile, not a goroutine dump", line: 1);
        // The last line of the head may be cut; a header there is found by the reader anyway.
        foreach (var line in lines.Take(lines.Length - 1))
            if (TracebackHeader.Looks(Encoding.UTF8.GetBytes(line.TrimEnd('\r')))) return Content.Stacks;
        throw new InputFormatException(name,
            Expected(head.Whole ? "has no goroutine record" : $"has no goroutine record in its first {SniffBytes >> 10} KiB"));
    }

    private static string Expected(string problem) =>
        $"{problem}: expected a goroutine dump (protobuf, 'goroutine profile: total N' from debug=1, or 'goroutine N [state]:' records "
        + "from debug=2, a panic or SIGQUIT)";

    private readonly record struct Head(byte[] Bytes, bool Whole);

    /// <summary>The first <see cref="SniffBytes"/> of the content; a text that ends in them gets a newline, so its last line
    /// counts.</summary>
    private static Head ReadHead(Stream stream)
    {
        var buffer = new byte[SniffBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read < buffer.Length ? new Head([.. buffer.AsSpan(0, read), (byte)'\n'], true) : new Head(buffer, false);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return InputFile.IsGzip(magic[..read]);
    }

    private static Stream Gunzipping(FileStream file) => new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);

    private static Stream OpenText(string path)
    {
        var file = InputFile.OpenRead(path);
        return IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}

using GoMemLab.Inputs;

namespace GoMemLab.Telemetry;

/// <summary>Receives one line (without its '\n') and its 1-based number.</summary>
public delegate void LineHandler(ReadOnlySpan<byte> line, long lineNumber);

/// <summary>
/// Splits a byte stream into lines without decoding or allocating per line, for logs too large for
/// string-per-line reading. A last line without a newline is still delivered.
/// </summary>
public static class ByteLines
{
    /// <summary>
    /// Opens <paramref name="path"/> read-only (gunzipping it when it starts with the gzip magic) and
    /// calls <paramref name="handler"/> for every line. Missing or unreadable files throw
    /// <see cref="InputFormatException"/>; a corrupt gzip stream does too, naming the file.
    /// </summary>
    public static void ReadFile(string path, LineHandler handler, CancellationToken cancel = default)
    {
        using var file = InputFile.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (InputFile.IsGzip(magic[..read]))
        {
            try
            {
                using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
                Read(gzip, handler, cancel);
            }
            catch (InvalidDataException e)
            {
                throw new InputFormatException(path, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
            }
        }
        else Read(file, handler, cancel);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, calling <paramref name="handler"/> for every line;
    /// a cancel is seen between buffers (every megabyte).
    /// </summary>
    public static void Read(Stream stream, LineHandler handler, CancellationToken cancel = default)
    {
        var buffer = new byte[1 << 20];
        int filled = 0;
        long lineNumber = 0;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            var end = filled + n;
            var span = buffer.AsSpan(0, end);
            int start = 0;
            // Only scan the newly read bytes for newlines: the carried-over prefix has none.
            int scanFrom = filled;
            while (true)
            {
                var newline = span[scanFrom..].IndexOf((byte)'\n');
                if (newline < 0) break;
                var lineEnd = scanFrom + newline;
                handler(span[start..lineEnd], ++lineNumber);
                start = scanFrom = lineEnd + 1;
            }
            if (n == 0)
            {
                if (start < end) handler(span[start..end], ++lineNumber);
                return;
            }
            // Move the unfinished line to the front.
            span[start..end].CopyTo(buffer);
            filled = end - start;
        }
    }
}

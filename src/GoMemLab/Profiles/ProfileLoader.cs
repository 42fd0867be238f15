using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GoMemLab.Inputs;
using GoMemLab.Profiles.LegacyHeap;
using GoMemLab.Profiles.Protobuf;

namespace GoMemLab.Profiles;

/// <summary>
/// The implementation behind <see cref="Profile.Load(string, CancellationToken)"/> and <see cref="Profile.Parse"/>:
/// recognises the content rather than the name (gzip, then recognised again; pprof protobuf; the legacy heap text of
/// <c>/debug/pprof/heap?debug=1</c>) and hands it to its reader. Everything wrong with the input surfaces as one
/// <see cref="InputFormatException"/> naming the file or URL (and the byte offset when known). Files are opened
/// read-only and shared (<see cref="InputFile.OpenRead"/>).
/// </summary>
internal static class ProfileLoader
{
    public static Profile Load(string path, IProgress<LoadProgress>? progress = null, CancellationToken cancel = default)
    {
        try
        {
            return LoadFile(path, progress, cancel);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new InputFormatException(path, $"cannot be read: {e.Message}", inner: e);
        }
    }

    private static Profile LoadFile(string path, IProgress<LoadProgress>? progress, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        using var file = InputFile.OpenRead(path);
        if (!file.CanSeek)
        {
            // A pipe or process substitution: read it whole, then recognise it like any bytes.
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            return Load(copy.ToArray(), path, progress, cancel);
        }
        if (file.Length == 0)
            throw new InputFormatException(path, "empty file, expected a pprof profile (gzipped protobuf) or a legacy heap text profile");
        Span<byte> head = stackalloc byte[2];
        var headLength = file.Read(head);
        file.Position = 0;
        if (InputFile.IsGzip(head[..headLength]))
        {
            var plain = Gunzip(path, file, progress, cancel);
            return LoadDecompressed(path, plain.Buffer.AsSpan(0, plain.Length), progress, cancel);
        }
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return LoadDecompressed(path, bytes, progress, cancel);
    }

    public static Profile Load(byte[] content, string name, IProgress<LoadProgress>? progress = null, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        if (content.Length == 0)
            throw new InputFormatException(name, "empty file, expected a pprof profile (gzipped protobuf) or a legacy heap text profile");
        if (!InputFile.IsGzip(content)) return LoadDecompressed(name, content, progress, cancel);
        using var stream = new MemoryStream(content, writable: false);
        var plain = Gunzip(name, stream, progress, cancel);
        return LoadDecompressed(name, plain.Buffer.AsSpan(0, plain.Length), progress, cancel);
    }

    private static Profile LoadDecompressed(string name, ReadOnlySpan<byte> data, IProgress<LoadProgress>? progress, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (data.IsEmpty)
            throw new InputFormatException(name, "empty profile: the gzip stream decompresses to nothing");
        if (LegacyHeapTextParser.LooksLikeText(data, out var firstLine))
        {
            if (LegacyHeapTextParser.IsHeapHeader(firstLine)) return LegacyHeapTextParser.Parse(name, data, progress, cancel);
            throw new InputFormatException(name,
                $"text profile \"{Shorten(firstLine)}\" is not supported: only the legacy heap text (debug=1) is read; fetch other profiles as protobuf (debug=0)", line: 1);
        }
        if (!LooksLikeProfileProtobuf(data))
            throw new InputFormatException(name,
                $"not a pprof profile (gzipped protobuf) or a legacy heap text profile: it starts with bytes {Convert.ToHexString(data[..Math.Min(8, data.Length)])}", 0);
        return ProtobufProfileReader.Read(data, name, progress, cancel);
    }

    // A profile message starts with one of its own fields: 1-6 and 11 length-delimited, 7-15 varint (13 also packed).
    private static bool LooksLikeProfileProtobuf(ReadOnlySpan<byte> data)
    {
        var tag = data[0];
        if (tag >= 0x80) return false;
        int field = tag >> 3, wire = tag & 7;
        return field switch
        {
            (>= 1 and <= 6) or 11 => wire == 2,
            13 => wire is 0 or 2,
            >= 7 and <= 15 => wire == 0,
            _ => false,
        };
    }

    /// <remarks>
    /// .NET's GZipStream returns a truncated stream's data without complaint, so the result is checked against
    /// the gzip trailer, which records the uncompressed size modulo 2^32 (pprof writes one gzip member).
    /// </remarks>
    private static (byte[] Buffer, int Length) Gunzip(string name, Stream compressed, IProgress<LoadProgress>? progress, CancellationToken cancel)
    {
        var compressedLength = compressed.Length;
        if (compressedLength < 18) throw new InputFormatException(name, $"gzip data is truncated: {compressedLength} bytes is less than a gzip header and trailer");
        Span<byte> trailer = stackalloc byte[4];
        compressed.Position = compressedLength - 4;
        compressed.ReadExactly(trailer);
        compressed.Position = 0;
        long recordedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        // The recorded size is also a good first guess for the buffer — unless it is damage: deflate cannot
        // expand more than about 1032:1, and believing a larger size would allocate gigabytes up front for a
        // one-kilobyte file (found by fuzzing).
        var guess = recordedSize >= compressedLength / 2 && recordedSize <= compressedLength * 1032 ? recordedSize + 1 : compressedLength * 4;
        var limit = InputFile.MaxBytes;
        var buffer = new byte[(int)Math.Min(Math.Min(guess, limit + 1), Array.MaxLength)];
        var length = 0;
        long nextReport = 0;
        try
        {
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit || buffer.Length == Array.MaxLength)
                        throw new InputFormatException(name, $"decompresses to over {Math.Min(limit, Array.MaxLength):N0} bytes; set GOMEMLAB_MAX_INPUT_BYTES to raise the limit");
                    Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, (long)buffer.Length * 3 / 2 + 4096));
                }
                cancel.ThrowIfCancellationRequested();
                // Bounded reads keep a cancel prompt: one Read of the rest of a 1 GB buffer would inflate it all.
                var read = gzip.Read(buffer, length, Math.Min(buffer.Length - length, 1 << 20));
                if (read == 0) break;
                length += read;
                if (progress is not null && compressed.Position >= nextReport)
                {
                    progress.Report(new LoadProgress("decompressing", compressed.Position, compressedLength, 0));
                    nextReport = compressed.Position + compressedLength / 20;
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(name, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
        }
        catch (EndOfStreamException e)
        {
            throw new InputFormatException(name, "gzip data is truncated", inner: e);
        }
        if (length > limit)
            throw new InputFormatException(name, $"decompresses to {length:N0} bytes, over the {limit:N0}-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it");
        if ((uint)length != (uint)recordedSize)
            throw new InputFormatException(name,
                $"gzip data is truncated or corrupt: it decompresses to {length:N0} bytes but its trailer records {recordedSize:N0}");
        // The buffer is one byte longer than the data (so the end is seen without growing): hand out a span, not a copy.
        return (buffer, length);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}

using System.Buffers.Binary;
using GoMemLab.Inputs;
using GoMemLab.Profiles.LegacyHeap;
using GoMemLab.Profiles.Protobuf;

namespace GoMemLab.Profiles;

/// <summary>
/// The implementation behind <see cref="Profile.Load(string, CancellationToken)"/> and
/// <see cref="Profile.Parse(byte[], string, IProgress{LoadProgress}?, CancellationToken)"/>:
/// recognises the content rather than the name (gzip, then recognised again; pprof protobuf; the legacy heap text of
/// <c>/debug/pprof/heap?debug=1</c>) from its first bytes, and decodes protobuf while it reads and inflates it, so
/// that what is not a profile is refused before the rest is read (a gzip bomb of zeros after its first block) and
/// the decompressed profile is never held whole. Everything wrong with the input surfaces as one
/// <see cref="InputFormatException"/> naming the file or URL (and the byte offset when known). Files are opened
/// read-only and shared (<see cref="InputFile.OpenRead"/>).
/// </summary>
internal static class ProfileLoader
{
    // Enough to recognise any format (and the first line of a text profile), small enough to cost nothing.
    private const int HeadBytes = 64 << 10;

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
        return Load(file, path, progress, cancel);
    }

    public static Profile Load(byte[] content, string name, IProgress<LoadProgress>? progress = null, CancellationToken cancel = default)
    {
        using var stream = new MemoryStream(content, writable: false);
        return Load(stream, name, progress, cancel);
    }

    public static Profile Load(Stream input, string name, IProgress<LoadProgress>? progress = null, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        if (!input.CanSeek)
        {
            // A pipe or a network stream: read it whole (within the size limit), then recognise it like any bytes.
            using var copy = new MemoryStream();
            CopyWithin(input, copy, name, cancel);
            copy.Position = 0;
            return Load(copy, name, progress, cancel);
        }
        var length = input.Length - input.Position;
        if (length == 0)
            throw new InputFormatException(name, "empty file, expected a pprof profile (gzipped protobuf) or a legacy heap text profile");
        var start = input.Position;
        Span<byte> magic = stackalloc byte[2];
        var magicLength = input.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        input.Position = start;
        var where = new Position(input, start, length);
        if (!InputFile.IsGzip(magic[..magicLength])) return Decode(input, name, length, null, where, progress, cancel);

        var recordedSize = GzipTrailer(input, name, start, length);
        using var gzip = new GzipInput(input, name);
        // The trailer's size is a good size hint, unless it is damage: deflate cannot expand more than about 1032:1.
        var hint = recordedSize >= length / 2 && recordedSize <= length * 1032 ? recordedSize : length * 4;
        void CheckTrailer()
        {
            if ((uint)gzip.Inflated != (uint)recordedSize)
                throw new InputFormatException(name,
                    $"gzip data is truncated or corrupt: it decompresses to {gzip.Inflated:N0} bytes but its trailer records "
                        + $"{recordedSize:N0}");
        }
        return Decode(gzip, name, hint, CheckTrailer, where, progress, cancel);
    }

    /// <summary>Where a load is in its input as stored (compressed bytes for gzip): what progress reports.</summary>
    private sealed class Position(Stream input, long start, long length)
    {
        public long Done => input.Position - start;
        public long Total => length;
    }

    // The uncompressed size modulo 2^32 that a gzip member records in its last 4 bytes (pprof writes one member).
    private static long GzipTrailer(Stream input, string name, long start, long length)
    {
        if (length < 18) throw new InputFormatException(name,
            $"gzip data is truncated: {length} bytes is less than a gzip header and trailer");
        Span<byte> trailer = stackalloc byte[4];
        input.Position = start + length - 4;
        input.ReadExactly(trailer);
        input.Position = start;
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    /// <remarks><paramref name="atEnd"/> checks the gzip trailer once the data ends, before a truncated last field is reported.</remarks>
    private static Profile Decode(Stream plain, string name, long sizeHint, Action? atEnd, Position where,
        IProgress<LoadProgress>? progress,
        CancellationToken cancel)
    {
        var head = new byte[HeadBytes];
        var headLength = plain.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (headLength == 0)
        {
            atEnd?.Invoke();
            throw new InputFormatException(name, "empty profile: the gzip stream decompresses to nothing");
        }
        var first = head.AsSpan(0, headLength);
        if (LegacyHeapTextParser.LooksLikeText(first, out var firstLine))
        {
            if (!LegacyHeapTextParser.IsHeapHeader(firstLine))
                throw new InputFormatException(name,
                    $"text profile \"{Shorten(firstLine)}\" is not supported: only the legacy heap text (debug=1) is read; fetch other "
                        + "profiles as protobuf (debug=0)", line: 1);
            var text = new MemoryStream();
            text.Write(first);
            progress?.Report(new LoadProgress("decompressing", where.Done, where.Total, 0));
            CopyWithin(plain, text, name, cancel);
            atEnd?.Invoke();
            return LegacyHeapTextParser.Parse(name, text.GetBuffer().AsSpan(0, (int)text.Length), progress, cancel);
        }
        if (!LooksLikeProfileProtobuf(first))
            throw new InputFormatException(name,
                "not a pprof profile (gzipped protobuf) or a legacy heap text profile: it starts with bytes "
                    + $"{Convert.ToHexString(first[..Math.Min(8, first.Length)])}", 0);
        var fields = new FieldStream(plain, name, head, headLength, atEnd);
        return ProtobufProfileReader.Read(fields, name, sizeHint, () => (where.Done, where.Total), progress, cancel);
    }

    // Copies what is left of `input` into memory, refusing past the size limit, checking the token every megabyte.
    private static void CopyWithin(Stream input, MemoryStream into, string name, CancellationToken cancel)
    {
        var chunk = new byte[1 << 20];
        var limit = InputFile.MaxBytes;
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            if (into.Length + read > Math.Min(limit, Array.MaxLength))
                throw new InputFormatException(name, $"is over the {limit:N0}-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it");
            into.Write(chunk, 0, read);
        }
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

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}

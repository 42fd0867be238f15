using GoMemLab.Inputs;

namespace GoMemLab.Profiles.Protobuf;

/// <summary>
/// The top-level fields of a protobuf message read from a stream one at a time, so that a profile is decoded while
/// it is read (and inflated): only the field being decoded and one chunk are in memory, never the whole message,
/// and what is not a profile is refused at its first malformed field instead of after the whole input.
/// </summary>
/// <remarks>
/// Each field comes as a <see cref="WireReader"/> over exactly its bytes with its absolute offset, valid until the
/// next call. When the data ends inside a field, the reader gets every byte that is left, so that it reports the
/// truncation with the offset as for a message held whole; <c>atEnd</c> runs first (it checks a gzip trailer).
/// </remarks>
internal sealed class FieldStream(Stream source, string file, byte[] head, int headLength, Action? atEnd)
{
    // Bounded reads keep a cancel prompt and memory flat: one Read of a 1 GB request would inflate it all.
    private const int Chunk = 1 << 20;

    private byte[] _buffer = head;
    private int _start;
    private int _end = headLength;
    private bool _ended;

    /// <summary>Absolute offset (in the decoded data) of the next field: the bytes decoded so far.</summary>
    public long Offset { get; private set; }

    /// <summary>The next top-level field, or false at the end of the data.</summary>
    public bool Next(out WireReader field)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var length = Measure(available, out var needed);
            if (length > 0 || (_ended && available.Length > 0))
            {
                var take = length > 0 ? length : available.Length;
                field = new WireReader(available[..take], Offset, file);
                _start += take;
                Offset += take;
                return true;
            }
            if (_ended)
            {
                field = default;
                return false;
            }
            Fill(needed);
        }
    }

    // The length of the complete field at the start of the span, or 0 when more bytes are needed (at least `needed`
    // in all). A malformed tag or length is "complete" at the span's length: the reader then reports it where it is.
    private int Measure(ReadOnlySpan<byte> span, out long needed)
    {
        needed = 0;
        // Fast path: a one-byte tag of a length-delimited field with a one- or two-byte length (every sample).
        if (span.Length >= 3 && span[0] < 0x80 && (span[0] & 7) == WireReader.LengthDelimited)
        {
            int length, header;
            if (span[1] < 0x80) (length, header) = (span[1], 2);
            else if (span[2] < 0x80) (length, header) = ((span[1] & 0x7f) | (span[2] << 7), 3);
            else (length, header) = (-1, 0);
            if (length >= 0) return Fixed(span, header + length, out needed);
        }
        var position = 0;
        if (!TryVarint(span, ref position, out var tag, out var malformed)) return Incomplete(span, position, malformed, out needed);
        switch ((int)(tag & 7))
        {
            case WireReader.Varint:
                return TryVarint(span, ref position, out _, out malformed) ? position : Incomplete(span, position, malformed, out needed);
            case WireReader.Fixed64:
                return Fixed(span, position + 8, out needed);
            case WireReader.Fixed32:
                return Fixed(span, position + 4, out needed);
            case WireReader.LengthDelimited:
                if (!TryVarint(span, ref position, out var length, out malformed)) return Incomplete(span, position, malformed, out needed);
                if (length > (ulong)(Array.MaxLength - position))
                    throw new InputFormatException(file,
                        $"truncated or corrupt protobuf data: a field of {length:N0} bytes is longer than any profile", Offset);
                return Fixed(span, position + (int)length, out needed);
            default:
                return span.Length; // an invalid wire type: the reader names it
        }
    }

    private static int Fixed(ReadOnlySpan<byte> span, long end, out long needed)
    {
        needed = end;
        return span.Length >= end ? (int)end : 0;
    }

    private static int Incomplete(ReadOnlySpan<byte> span, int position, bool malformed, out long needed)
    {
        needed = position + 10;
        return malformed ? span.Length : 0;
    }

    private static bool TryVarint(ReadOnlySpan<byte> span, ref int position, out ulong value, out bool malformed)
    {
        value = 0;
        malformed = false;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= span.Length) return false;
            var b = span[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return true;
        }
        malformed = true;
        return false;
    }

    // Makes room for `needed` bytes from the field's start (growing the buffer only for a field that large), then reads once.
    private void Fill(long needed)
    {
        var kept = _end - _start;
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(Math.Max(needed, Chunk), kept + 1L));
        if (_start > 0 && (_buffer.Length - _start < capacity || _end == _buffer.Length))
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
            (_start, _end) = (0, kept);
        }
        if (_buffer.Length < capacity || _end == _buffer.Length)
        {
            var grown = new byte[(int)Math.Min(Array.MaxLength, (long)capacity + Chunk)];
            Buffer.BlockCopy(_buffer, _start, grown, 0, kept);
            (_buffer, _start, _end) = (grown, 0, kept);
        }
        var read = source.Read(_buffer, _end, Math.Min(_buffer.Length - _end, Chunk));
        if (read > 0)
        {
            _end += read;
            return;
        }
        _ended = true;
        atEnd?.Invoke();
    }
}

using System.Runtime.CompilerServices;
using GoMemLab.Inputs;
using Microsoft.Win32.SafeHandles;

namespace GoMemLab.HeapDumps.Reading;

/// <summary>
/// Sequential reading of a heap dump file through one reusable buffer: uvarints, skipped or pinned byte ranges, and
/// every error as an <see cref="InputFormatException"/> with the byte offset. A range that must stay readable while
/// the uvarints after it are decoded (an object's contents, needed once its pointer-field list has been read) is
/// pinned: refills keep it in the buffer. Nothing is ever allocated from a length read from the file before the
/// file is known to hold that many bytes.
/// </summary>
internal sealed class DumpInput : IDisposable
{
    /// <summary>Ranges longer than this are not pinned; their pointer words are read back from the file by offset.</summary>
    public const int MaxPinnedBytes = 64 << 20;

    private readonly SafeFileHandle _file;
    private byte[] _buffer = new byte[4 << 20];
    private int _pos;
    private int _end;
    private long _bufferStart;
    private long _pinnedFrom = -1;

    public DumpInput(string path)
    {
        Name = path;
        using var probe = InputFile.OpenRead(path);
        Length = probe.Length;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
    }

    /// <summary>The file as the user named it (for messages).</summary>
    public string Name { get; }

    public long Length { get; }

    /// <summary>Offset in the file of the next byte to read.</summary>
    public long Position => _bufferStart + _pos;

    public bool AtEnd => Position >= Length;

    public InputFormatException Error(string problem, long offset) => new(Name, problem, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUvarint()
    {
        if (_end - _pos >= 10)
        {
            // Fast path: all ten bytes a uvarint can take are in the buffer.
            var buffer = _buffer;
            var pos = _pos;
            ulong value = 0;
            for (var shift = 0; shift < 63; shift += 7)
            {
                var b = buffer[pos++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    _pos = pos;
                    return value;
                }
            }
        }
        return ReadUvarintSlow();
    }

    private ulong ReadUvarintSlow()
    {
        var start = Position;
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_pos == _end && !Fill(1)) throw Error("the dump is truncated in the middle of a number", start);
            var b = _buffer[_pos++];
            if (shift == 63 && b > 1) throw Error("a number is longer than 64 bits", start);
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    /// <summary>A uvarint that must fit an int (a length, a count) and be at most <paramref name="max"/>.</summary>
    public long ReadLength(string what, long max)
    {
        var at = Position;
        var value = ReadUvarint();
        if (value > (ulong)max) throw Error($"{what} of {value:N0} is larger than the {max:N0} possible here", at);
        return (long)value;
    }

    public bool ReadBool()
    {
        var at = Position;
        var value = ReadUvarint();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Error($"expected a boolean (0 or 1), found {value}", at),
        };
    }

    /// <summary>Bytes left in the file after the current position.</summary>
    public long Remaining => Length - Position;

    /// <summary>A length-prefixed string (names, file paths); refuses lengths past the end of the file.</summary>
    public string ReadString()
    {
        var at = Position;
        var length = ReadUvarint();
        if (length > (ulong)Remaining) throw Error($"a string of {length:N0} bytes runs past the end of the file", at);
        if (length > 1 << 20) throw Error($"a string of {length:N0} bytes is longer than any name the runtime writes", at);
        var index = Reserve((int)length);
        var text = System.Text.Encoding.UTF8.GetString(_buffer, index, (int)length);
        _pos += (int)length;
        return text;
    }

    /// <summary>Skips a length-prefixed string without decoding it.</summary>
    public void SkipString()
    {
        var at = Position;
        var length = ReadUvarint();
        if (length > (ulong)Remaining) throw Error($"a string of {length:N0} bytes runs past the end of the file", at);
        Skip((long)length);
    }

    /// <summary>
    /// Reads the length of a memory range and steps over its bytes, returning where they start in the file. A range of at
    /// most <see cref="MaxPinnedBytes"/> stays in the buffer until <see cref="Unpin"/> (see <see cref="Pinned"/>).
    /// </summary>
    public (long Offset, long Length) ReadRange(string what)
    {
        var at = Position;
        var length = ReadUvarint();
        if (length > (ulong)Remaining) throw Error($"{what} of {length:N0} bytes runs past the end of the file", at);
        var offset = Position;
        if (length <= MaxPinnedBytes)
        {
            Reserve((int)length);
            _pinnedFrom = offset;
            _pos += (int)length;
        }
        else
        {
            Skip((long)length);
        }
        return (offset, (long)length);
    }

    /// <summary>The bytes of a range returned by <see cref="ReadRange"/> while it is pinned (empty when it was too long to pin).</summary>
    public ReadOnlySpan<byte> Pinned(long offset, long length) =>
        _pinnedFrom >= 0 && offset >= _pinnedFrom && length <= MaxPinnedBytes
            ? _buffer.AsSpan((int)(offset - _bufferStart), (int)length)
            : ReadOnlySpan<byte>.Empty;

    public void Unpin() => _pinnedFrom = -1;

    /// <summary>Reads <paramref name="destination"/>.Length bytes at a file offset, outside the sequential buffer.</summary>
    public void ReadAt(long offset, Span<byte> destination)
    {
        var read = RandomAccess.Read(_file, destination, offset);
        if (read != destination.Length) throw Error("the dump is truncated", offset + read);
    }

    public void Skip(long count)
    {
        var inBuffer = Math.Min(count, _end - _pos);
        _pos += (int)inBuffer;
        count -= inBuffer;
        if (count == 0) return;
        if (_pinnedFrom >= 0) throw new InvalidOperationException("cannot skip past the buffer while a range is pinned");
        // Past the buffer: drop it and continue at the new offset.
        var target = Position + count;
        if (target > Length) throw Error("the dump is truncated", Length);
        _bufferStart = target;
        _pos = _end = 0;
    }

    /// <summary>Makes <paramref name="count"/> bytes available at the current position and returns their index in the buffer.</summary>
    private int Reserve(int count)
    {
        if (_end - _pos < count && !Fill(count)) throw Error("the dump is truncated", Length);
        return _pos;
    }

    /// <summary>Returns the current buffer and index for up to <paramref name="count"/> bytes (for copying out during redaction).</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        var index = Reserve(count);
        return _buffer.AsSpan(index, count);
    }

    private bool Fill(int need)
    {
        if ((long)need > Length - Position) need = (int)Math.Max(0, Length - Position);
        if (need == 0 && Position >= Length) return false;
        var keepFrom = _pinnedFrom >= 0 ? (int)(_pinnedFrom - _bufferStart) : _pos;
        var kept = _end - keepFrom;
        var required = (_pos - keepFrom) + need;
        if (required > _buffer.Length)
        {
            var grown = new byte[Math.Max(required, _buffer.Length * 2)];
            Buffer.BlockCopy(_buffer, keepFrom, grown, 0, kept);
            _buffer = grown;
        }
        else if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, kept);
        }
        _bufferStart += keepFrom;
        _pos -= keepFrom;
        _end = kept;
        while (_end - _pos < need)
        {
            var read = RandomAccess.Read(_file, _buffer.AsSpan(_end), _bufferStart + _end);
            if (read == 0) return false;
            _end += read;
        }
        return true;
    }

    public void Dispose() => _file.Dispose();
}

using GoMemLab.Inputs;

namespace GoMemLab.Profiles.Protobuf;

/// <summary>
/// Reads protobuf wire data field by field from a span, without allocating. Every malformation (a varint
/// longer than 10 bytes, a length running past the end, an unknown wire type) becomes an
/// <see cref="InputFormatException"/> naming the file and the absolute byte offset in the decoded data.
/// </summary>
/// <remarks>
/// Google.Protobuf's CodedInputStream reads the same encoding, but reports errors without a position and
/// hides its nested-limit API; a span reader gives both positions and the speed needed for million-sample profiles.
/// </remarks>
internal ref struct WireReader(ReadOnlySpan<byte> data, long baseOffset, string file)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Absolute offset of the next byte in the decoded input.</summary>
    public readonly long Offset => baseOffset + _position;

    public (int Field, int WireType) ReadTag()
    {
        var at = Offset;
        var tag = ReadVarint();
        var field = tag >> 3;
        var wireType = (int)(tag & 7);
        if (field == 0 || field > 536_870_911)
            throw new InputFormatException(file, $"not a pprof profile: invalid protobuf field number {field}", at);
        if (wireType > Fixed32 || wireType is StartGroup or EndGroup)
            throw new InputFormatException(file, $"not a pprof profile: unsupported protobuf wire type {wireType} in field {field}", at);
        return ((int)field, wireType);
    }

    public ulong ReadVarint()
    {
        // Fast path: most varints in profiles (ids, small values) are one or two bytes.
        if (_position < _data.Length && _data[_position] < 0x80) return _data[_position++];
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
                throw new InputFormatException(file, "truncated protobuf data: a varint runs past the end", Offset);
            var b = _data[_position++];
            if (shift == 63 && b > 1)
                throw new InputFormatException(file, "malformed protobuf data: varint overflows 64 bits", Offset - 1);
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return result;
        }
        throw new InputFormatException(file, "malformed protobuf data: varint longer than 10 bytes", Offset - 10);
    }

    public long ReadInt64() => (long)ReadVarint();

    public bool ReadBool() => ReadVarint() != 0;

    /// <summary>Reads a length-delimited field; returns its bytes and their absolute offset.</summary>
    public ReadOnlySpan<byte> ReadBytes(out long offset)
    {
        var at = Offset;
        var length = ReadVarint();
        offset = Offset;
        if (length > (ulong)(_data.Length - _position))
            throw new InputFormatException(file,
                $"truncated or corrupt protobuf data: a field of {length:N0} bytes runs past the end "
                    + $"({_data.Length - _position:N0} bytes left)", at);
        var slice = _data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    /// <summary>A reader over a nested message or packed field.</summary>
    public WireReader ReadMessage()
    {
        var bytes = ReadBytes(out var offset);
        return new WireReader(bytes, offset, file);
    }

    /// <summary>
    /// Reads a packed repeated uint64 field of location ids into <paramref name="refs"/> (ids up to int.MaxValue;
    /// larger ones go through <paramref name="addLarge"/>). One- and two-byte varints, the common case, are decoded inline.
    /// </summary>
    public void ReadPackedIds(GrowableArray<int> refs, ProfileBuilder addLarge)
    {
        var bytes = ReadBytes(out var offset);
        // Each id takes at least one byte: reserve that many slots and write without per-entry checks.
        var output = refs.AppendSpan(bytes.Length);
        var written = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            uint b0 = bytes[i];
            if (b0 < 0x80) { output[written++] = (int)b0; i++; continue; }
            if (i + 1 < bytes.Length && bytes[i + 1] < 0x80)
            {
                output[written++] = (int)((b0 & 0x7f) | ((uint)bytes[i
                + 1] << 7)); i += 2; continue;
            }
            var slow = new WireReader(bytes[i..], offset + i, file);
            var id = slow.ReadVarint();
            i += slow._position;
            if (id <= int.MaxValue) { output[written++] = (int)id; continue; }
            // Rare: ids beyond int range go through the builder's remapping, which appends itself.
            refs.Advance(written);
            addLarge.AddSampleLocation(id);
            output = refs.AppendSpan(bytes.Length - i);
            written = 0;
        }
        refs.Advance(written);
    }

    /// <summary>Reads a packed repeated int64 field into <paramref name="sink"/>.</summary>
    public void ReadPackedInt64s(GrowableArray<long> sink)
    {
        var bytes = ReadBytes(out var offset);
        var output = sink.AppendSpan(bytes.Length);
        var written = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            uint b0 = bytes[i];
            if (b0 < 0x80) { output[written++] = b0; i++; continue; }
            var slow = new WireReader(bytes[i..], offset + i, file);
            output[written++] = (long)slow.ReadVarint();
            i += slow._position;
        }
        sink.Advance(written);
    }

    public void ExpectWireType(int actual, int expected, string what)
    {
        if (actual != expected)
            throw new InputFormatException(file, $"not a pprof profile: {what} has wire type {actual}, expected {expected}", Offset);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Advance(8); break;
            case Fixed32: Advance(4); break;
            case LengthDelimited: ReadBytes(out _); break;
            default: throw new InputFormatException(file, $"unsupported protobuf wire type {wireType}", Offset);
        }
    }

    private void Advance(int count)
    {
        if (_data.Length - _position < count)
            throw new InputFormatException(file, "truncated protobuf data: a fixed-size field runs past the end", Offset);
        _position += count;
    }
}

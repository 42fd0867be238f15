using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GoMemLab.Fleet;

/// <summary>
/// Content ids of the rows stored once per fleet (functions, stacks, label sets): the first 128 bits of the SHA-256 of
/// a canonical encoding of the content, as a UUID. Two profiles that share a stack therefore share its rows, and
/// ingesting the same content twice finds the rows already there. At 128 bits a collision is out of reach
/// (about 10^-20 for a billion distinct stacks), so the id can stand for the content.
/// </summary>
internal sealed class ContentKey
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _scratch = new byte[32];

    public ContentKey Add(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_scratch, value);
        _hash.AppendData(_scratch, 0, 8);
        return this;
    }

    public ContentKey Add(ulong value) => Add(unchecked((long)value));

    /// <summary>Length-prefixed, so ("ab", "c") and ("a", "bc") differ.</summary>
    public ContentKey Add(string value)
    {
        Add((long)value.Length);
        _hash.AppendData(Encoding.UTF8.GetBytes(value));
        return this;
    }

    public ContentKey Add(Guid value)
    {
        value.TryWriteBytes(_scratch);
        _hash.AppendData(_scratch, 0, 16);
        return this;
    }

    /// <summary>The id of everything added since the last call (the hash starts over).</summary>
    public Guid Finish()
    {
        _hash.GetHashAndReset(_scratch);
        return new Guid(_scratch.AsSpan(0, 16));
    }
}

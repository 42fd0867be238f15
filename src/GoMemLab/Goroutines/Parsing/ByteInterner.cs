using System.Runtime.InteropServices;
using System.Text;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// Gives each distinct byte string an id (0, 1, 2… in order of first appearance) without allocating for
/// strings already seen: a dump of a million goroutines repeats a few hundred function names ten million
/// times. Open addressing over a power-of-two table; the bytes live in one arena and are decoded to a
/// <see cref="string"/> once, on first sight. Not thread-safe.
/// </summary>
internal sealed class ByteInterner
{
    private int[] _slots = new int[256]; // id + 1; 0 = empty
    private int[] _hashes = new int[64];
    private int[] _starts = new int[65];
    private byte[] _arena = new byte[4096];
    private readonly List<string> _strings = new(64);

    public int Count => _strings.Count;

    public string this[int id] => _strings[id];

    public ReadOnlySpan<byte> Bytes(int id) => _arena.AsSpan(_starts[id], _starts[id + 1] - _starts[id]);

    public int Intern(ReadOnlySpan<byte> bytes)
    {
        var hash = Hash(bytes);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                var id = Add(bytes, hash);
                _slots[slot] = id + 1;
                if (Count * 2 > _slots.Length) Rehash();
                return id;
            }
            var candidate = entry - 1;
            if (_hashes[candidate] == hash && Bytes(candidate).SequenceEqual(bytes)) return candidate;
        }
    }

    private int Add(ReadOnlySpan<byte> bytes, int hash)
    {
        var id = _strings.Count;
        if (id + 1 >= _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _starts, _hashes.Length + 1);
        }
        var start = _starts[id];
        if (start + bytes.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, start + bytes.Length));
        bytes.CopyTo(_arena.AsSpan(start));
        _starts[id + 1] = start + bytes.Length;
        _hashes[id] = hash;
        _strings.Add(Encoding.UTF8.GetString(bytes));
        return id;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var slot = _hashes[id] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = id + 1;
        }
    }

    // FNV-style mixing of 8 bytes at a time: names are short, and a cryptographic hash would cost more than the parse.
    internal static int Hash(ReadOnlySpan<byte> bytes)
    {
        ulong h = 14695981039346656037UL ^ (ulong)bytes.Length;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var w in words) h = (h ^ w) * 1099511628211UL;
        for (var i = words.Length * 8; i < bytes.Length; i++) h = (h ^ bytes[i]) * 1099511628211UL;
        h ^= h >> 29;
        return (int)(h & 0x7fffffff);
    }
}

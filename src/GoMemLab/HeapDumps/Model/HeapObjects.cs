namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// The heap objects of a dump as columns, in dump order (span by span): address, size (the span's element size, which
/// is what the runtime counts in HeapAlloc), and the outgoing references as object indices (pointer fields that point
/// into another object, interior pointers resolved to the object holding them; nil, self and non-heap pointers are
/// left out). Object contents are not kept.
/// </summary>
public sealed class HeapObjects
{
    private readonly ulong[] _start;
    private readonly uint[] _size;
    private readonly int[] _firstEdge;
    private readonly int[] _edges;
    private readonly ObjectAddressIndex _index;

    internal HeapObjects(ulong[] start, uint[] size, int[] firstEdge, int[] edges, ObjectAddressIndex index)
    {
        _start = start;
        _size = size;
        _firstEdge = firstEdge;
        _edges = edges;
        _index = index;
        long total = 0;
        foreach (var s in size) total += s;
        TotalBytes = total;
    }

    /// <summary>Number of objects, garbage included.</summary>
    public int Count => _start.Length;

    /// <summary>Total bytes of all objects, garbage included.</summary>
    public long TotalBytes { get; }

    /// <summary>Number of references between objects.</summary>
    public long ReferenceCount => _edges.Length;

    /// <summary>The address of object <paramref name="index"/>.</summary>
    public ulong Address(int index) => _start[index];

    /// <summary>The size in bytes of object <paramref name="index"/>.</summary>
    public long Size(int index) => _size[index];

    /// <summary>The objects object <paramref name="index"/> points to (in field order, duplicates kept).</summary>
    public ReadOnlySpan<int> References(int index) => _edges.AsSpan(_firstEdge[index], _firstEdge[index + 1] - _firstEdge[index]);

    /// <summary>The index of the object that contains <paramref name="address"/> (interior pointers too), or -1.</summary>
    public int Find(ulong address) => _index.Find(address);

    internal ReadOnlySpan<uint> Sizes => _size;
}

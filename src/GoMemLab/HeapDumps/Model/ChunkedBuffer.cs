namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// An append-only list in chunks of 1M entries: it grows without copying (a doubling array would briefly hold 1.5× a
/// column of tens of millions of pointers) and its chunks can be released one by one while it is consumed.
/// </summary>
internal sealed class ChunkedBuffer<T>
{
    private const int Shift = 20;
    private const int ChunkSize = 1 << Shift;
    private readonly List<T[]?> _chunks = [];

    public long Count { get; private set; }

    public void Add(T value)
    {
        var chunk = (int)(Count >> Shift);
        if (chunk == _chunks.Count) _chunks.Add(new T[ChunkSize]);
        _chunks[chunk]![Count & (ChunkSize - 1)] = value;
        Count++;
    }

    public T this[long index] => _chunks[(int)(index >> Shift)]![index & (ChunkSize - 1)];

    /// <summary>The entries as one exactly sized array; chunks are released as they are copied, so the peak is one array and one
    /// chunk.</summary>
    public T[] DrainToArray()
    {
        var result = new T[Count];
        long at = 0;
        Drain(chunk =>
        {
            chunk.CopyTo(result.AsSpan((int)at));
            at += chunk.Length;
        });
        return result;
    }

    /// <summary>Calls <paramref name="each"/> on every entry in order, releasing each chunk once it is read.</summary>
    public void Drain(Action<ReadOnlySpan<T>> each)
    {
        for (var c = 0; c < _chunks.Count; c++)
        {
            var length = (int)Math.Min(ChunkSize, Count - ((long)c << Shift));
            each(_chunks[c].AsSpan(0, length));
            _chunks[c] = null;
        }
        _chunks.Clear();
        Count = 0;
    }
}

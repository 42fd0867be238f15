using System.Runtime.CompilerServices;

namespace GoMemLab.Profiles;

/// <summary>
/// An append-only buffer the loaders fill column by column. Unlike <see cref="List{T}"/> it hands out its
/// backing array, so a finished column becomes a profile array without another pass when it is full.
/// </summary>
internal sealed class GrowableArray<T>(int capacity = 16)
{
    private T[] _items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public Span<T> Span => _items.AsSpan(0, Count);

    public ref T this[int index] => ref _items[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == _items.Length) Grow(Count + 1);
        _items[Count++] = value;
    }

    public void AddRange(ReadOnlySpan<T> values)
    {
        if (Count + values.Length > _items.Length) Grow(Count + values.Length);
        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    /// <summary>Room for at least <paramref name="atMost"/> more entries; write into it, then call <see cref="Advance"/>.</summary>
    public Span<T> AppendSpan(int atMost)
    {
        if (Count + atMost > _items.Length) Grow(Count + atMost);
        return _items.AsSpan(Count);
    }

    public void Advance(int written) => Count += written;

    public void Truncate(int count) => Count = Math.Min(Count, count);

    /// <summary>The contents as an exactly sized array; the buffer must not be used afterwards.</summary>
    public T[] Detach()
    {
        var result = _items.Length == Count ? _items : _items.AsSpan(0, Count).ToArray();
        _items = [];
        Count = 0;
        return result;
    }

    /// <summary>
    /// The backing array, possibly longer than <see cref="Count"/>: saves copying columns of tens of millions of
    /// entries; the owner keeps the count. The buffer must not be used afterwards.
    /// </summary>
    public T[] DetachUntrimmed()
    {
        var result = _items;
        _items = [];
        Count = 0;
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        // Grow by half rather than doubling: the big columns hold tens of millions of entries.
        var size = Math.Max(needed, _items.Length + _items.Length / 2);
        size = (int)Math.Min(Array.MaxLength, (long)size);
        if (size < needed) throw new OutOfMemoryException($"a profile column would exceed {Array.MaxLength:N0} entries");
        Array.Resize(ref _items, size);
    }
}

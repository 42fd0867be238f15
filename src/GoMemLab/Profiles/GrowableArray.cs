using System.Runtime.CompilerServices;

namespace GoMemLab.Profiles;

/// <summary>
/// An append-only buffer the loaders fill column by column. Unlike <see cref="List{T}"/> it hands out its
/// backing array, so a finished column becomes a profile array without another pass when it is full.
/// </summary>
internal sealed class GrowableArray<T>(int capacity = 16)
{
    private T[] items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public Span<T> Span => items.AsSpan(0, Count);

    public ref T this[int index] => ref items[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == items.Length) Grow(Count + 1);
        items[Count++] = value;
    }

    public void AddRange(ReadOnlySpan<T> values)
    {
        if (Count + values.Length > items.Length) Grow(Count + values.Length);
        values.CopyTo(items.AsSpan(Count));
        Count += values.Length;
    }

    /// <summary>Room for at least <paramref name="atMost"/> more entries; write into it, then call <see cref="Advance"/>.</summary>
    public Span<T> AppendSpan(int atMost)
    {
        if (Count + atMost > items.Length) Grow(Count + atMost);
        return items.AsSpan(Count);
    }

    public void Advance(int written) => Count += written;

    public void Truncate(int count) => Count = Math.Min(Count, count);

    /// <summary>The contents as an exactly sized array; the buffer must not be used afterwards.</summary>
    public T[] Detach()
    {
        var result = items.Length == Count ? items : items.AsSpan(0, Count).ToArray();
        items = [];
        Count = 0;
        return result;
    }

    /// <summary>
    /// The backing array, possibly longer than <see cref="Count"/>: saves copying columns of tens of millions of
    /// entries; the owner keeps the count. The buffer must not be used afterwards.
    /// </summary>
    public T[] DetachUntrimmed()
    {
        var result = items;
        items = [];
        Count = 0;
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        // Grow by half rather than doubling: the big columns hold tens of millions of entries.
        var size = Math.Max(needed, items.Length + items.Length / 2);
        size = (int)Math.Min(Array.MaxLength, (long)size);
        if (size < needed) throw new OutOfMemoryException($"a profile column would exceed {Array.MaxLength:N0} entries");
        Array.Resize(ref items, size);
    }
}

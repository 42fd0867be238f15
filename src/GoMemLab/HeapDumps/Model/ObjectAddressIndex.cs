using System.Numerics;
using System.Runtime.CompilerServices;
using GoMemLab.Profiles;

namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// Finds the object that contains an address (an interior pointer resolves to its object) in constant time, the way
/// the Go runtime does: page → span → slot. The dump lists objects span by span in address order within a span, all of
/// one size, so consecutive objects of one size that share pages form a run (a piece of one span); every 8 KiB page
/// belongs to at most one run. A lookup is the page's run, the slot <c>(address − base) / size</c>, and that slot's
/// rank in a bitmap of the run's occupied slots (a popcount): no binary search. A pointer into a free slot, between
/// objects, or outside the heap finds nothing (-1), as it would for the GC.
/// </summary>
internal sealed class ObjectAddressIndex
{
    /// <summary>Go's page size (_PageShift = 13 on every platform); spans are whole pages.</summary>
    public const int PageShift = 13;

    private readonly long _minPage;
    private readonly int[]? _densePages;
    private readonly Dictionary<long, int>? _sparsePages;
    private readonly ulong[] _runBase;
    private readonly uint[] _runSize;
    private readonly long[] _runSlots;
    private readonly long[] _runWord;
    private readonly ulong[] _bits;
    private readonly int[] _wordRank;

    private ObjectAddressIndex(long minPage, int[]? dense, Dictionary<long, int>? sparse, ulong[] runBase, uint[] runSize,
        long[] runSlots, long[] runWord, ulong[] bits, int[] wordRank)
    {
        _minPage = minPage;
        _densePages = dense;
        _sparsePages = sparse;
        _runBase = runBase;
        _runSize = runSize;
        _runSlots = runSlots;
        _runWord = runWord;
        _bits = bits;
        _wordRank = wordRank;
    }

    /// <summary>Number of runs (pieces of spans) the objects form.</summary>
    public int RunCount => _runBase.Length;

    /// <summary>The index of the object containing <paramref name="address"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong address)
    {
        var page = (long)(address >> PageShift) - _minPage;
        int run;
        if (_densePages is { } dense)
        {
            if ((ulong)page >= (ulong)dense.Length) return -1;
            run = dense[page];
        }
        else if (!_sparsePages!.TryGetValue(page, out run)) return -1;
        if (run < 0) return -1;
        var baseAddress = _runBase[run];
        if (address < baseAddress) return -1;
        var offset = address - baseAddress;
        var slot = offset / _runSize[run];
        if (slot >= (ulong)_runSlots[run]) return -1;
        var w = _runWord[run] + (long)(slot >> 6);
        var bit = (int)(slot & 63);
        var word = _bits[w];
        if (((word >> bit) & 1) == 0) return -1;
        return _wordRank[w] + BitOperations.PopCount(word & ((1UL << bit) - 1));
    }

    /// <summary>
    /// Indexes the objects (<paramref name="start"/> and <paramref name="size"/>, in dump order). Objects that overlap or
    /// interleave with another span's are refused (<see cref="HeapDumpLayoutException"/> with the first such object).
    /// </summary>
    public static ObjectAddressIndex Build(ReadOnlySpan<ulong> start, ReadOnlySpan<uint> size)
    {
        var n = start.Length;
        var runBase = new GrowableArray<ulong>(Math.Max(16, n / 64));
        var runSize = new GrowableArray<uint>(Math.Max(16, n / 64));
        var runFirst = new GrowableArray<int>(Math.Max(16, n / 64));
        var runEnd = new GrowableArray<ulong>(Math.Max(16, n / 64));
        ulong prevEnd = 0;
        for (var i = 0; i < n; i++)
        {
            ulong s = start[i], z = size[i], e = s + z;
            var last = runBase.Count - 1;
            var continues = last >= 0 && z == runSize[last] && s >= prevEnd && (s - runBase[last]) % z == 0
                && s >> PageShift == (prevEnd - 1) >> PageShift;
            if (continues)
            {
                runEnd[last] = e;
            }
            else
            {
                runBase.Add(s);
                runSize.Add((uint)z);
                runFirst.Add(i);
                runEnd.Add(e);
            }
            prevEnd = e;
        }
        var runs = runBase.Count;
        var bases = runBase.Detach();
        var sizes = runSize.Detach();
        var firsts = runFirst.Detach();
        var ends = runEnd.Detach();

        // Bit layout: each run starts on a word of its own.
        var slots = new long[runs];
        var words = new long[runs];
        long totalWords = 0;
        long pageCount = 0;
        ulong minAddress = ulong.MaxValue, maxAddress = 0;
        for (var r = 0; r < runs; r++)
        {
            slots[r] = (long)((ends[r] - bases[r] + sizes[r] - 1) / sizes[r]);
            words[r] = totalWords;
            totalWords += (slots[r] + 63) >> 6;
            pageCount += (long)(((ends[r] - 1) >> PageShift) - (bases[r] >> PageShift)) + 1;
            minAddress = Math.Min(minAddress, bases[r]);
            maxAddress = Math.Max(maxAddress, ends[r] - 1);
        }
        if (totalWords > Array.MaxLength) throw new HeapDumpLayoutException(0, "objects are spread over too many slots to index");
        var bits = new ulong[totalWords];
        var wordRank = new int[totalWords];
        for (var r = 0; r < runs; r++)
        {
            var to = r + 1 < runs ? firsts[r + 1] : n;
            for (var i = firsts[r]; i < to; i++)
            {
                var slot = (long)((start[i] - bases[r]) / sizes[r]);
                bits[words[r] + (slot >> 6)] |= 1UL << (int)(slot & 63);
            }
            var rank = firsts[r];
            for (long w = words[r], end = words[r] + ((slots[r] + 63) >> 6); w < end; w++)
            {
                wordRank[w] = rank;
                rank += BitOperations.PopCount(bits[w]);
            }
        }

        // Pages: a flat array when the heap is dense (it is: arenas are 64 MiB blocks from one hint), else a dictionary.
        var minPage = runs == 0 ? 0 : (long)(minAddress >> PageShift);
        var pageRange = runs == 0 ? 0 : (long)(maxAddress >> PageShift) - minPage + 1;
        int[]? dense = null;
        Dictionary<long, int>? sparse = null;
        if (pageRange <= 4 * pageCount + (1 << 20) && pageRange <= Array.MaxLength)
        {
            dense = new int[pageRange];
            Array.Fill(dense, -1);
        }
        else
        {
            sparse = new Dictionary<long, int>((int)Math.Min(pageCount, 1 << 24));
        }
        for (var r = 0; r < runs; r++)
        {
            for (var page = (long)(bases[r] >> PageShift) - minPage; page <= (long)((ends[r] - 1) >> PageShift) - minPage; page++)
            {
                var owner = dense is not null ? dense[page] : sparse!.GetValueOrDefault(page, -1);
                if (owner >= 0 && owner != r)
                    throw new HeapDumpLayoutException(firsts[r],
                        $"the object at 0x{bases[r]:x} shares page 0x{(ulong)(page + minPage) << PageShift:x} with "
                        + $"objects of another span (at 0x{bases[owner]:x}, {sizes[owner]} bytes each): objects overlap");
                if (dense is not null) dense[page] = r;
                else sparse![page] = r;
            }
        }
        return new ObjectAddressIndex(minPage, dense, sparse, bases, sizes, slots, words, bits, wordRank);
    }
}

/// <summary>Objects whose addresses cannot come from one Go heap (they overlap); <see cref="ObjectIndex"/> names the first.</summary>
internal sealed class HeapDumpLayoutException(int objectIndex, string message) : Exception(message)
{
    public int ObjectIndex { get; } = objectIndex;
}

using GoMemLab.HeapDumps;

namespace GoMemLab.Goroutines.Analyses;

/// <summary>
/// What each goroutine of a goroutine dump keeps alive, read from a heap dump of the same process at the same moment
/// (<see cref="HeapDump.GoroutineRetention"/>): the bytes reachable only from that goroutine's stack. A goroutine is
/// matched by id, and only when the heap dump's goroutine of that id runs the same function (its frames hold the
/// goroutine dump's outermost frame), so a dump of another process or moment matches little or nothing rather than
/// lending its figures to strangers. Pass <see cref="RetainedBytesByGoroutine"/> to
/// <see cref="GoroutineGroups.ToDataFrame(IReadOnlyDictionary{long, long})"/> for the bytes per group.
/// </summary>
/// <param name="RetainedBytesByGoroutine">Goroutine id → retained bytes, for the matched goroutines.</param>
/// <param name="Goroutines">Goroutines in the goroutine dump.</param>
/// <param name="NotInHeapDump">Ids the heap dump does not have (started or ended between the dumps).</param>
/// <param name="OtherFunction">Ids the heap dump has, running another function (another process or moment).</param>
public sealed record HeldMemory(IReadOnlyDictionary<long, long> RetainedBytesByGoroutine, int Goroutines, int NotInHeapDump,
    int OtherFunction)
{
    /// <summary>Goroutines matched in both dumps.</summary>
    public int Matched => RetainedBytesByGoroutine.Count;

    /// <summary>
    /// Matches <paramref name="goroutines"/> (a debug=2 dump or a traceback: the forms with goroutine ids) with
    /// <paramref name="heap"/>. Throws <see cref="InvalidOperationException"/> for a dump without goroutine ids.
    /// </summary>
    public static HeldMemory Match(GoroutineDump goroutines, HeapDump heap)
    {
        var table = goroutines.Goroutines
            ?? throw new InvalidOperationException($"{goroutines.Source} has no goroutine ids (protobuf and debug=1 count per stack): "
            + $"take a debug=2 dump");
        var retention = heap.GoroutineRetention();
        var heapGoroutines = heap.Goroutines.ToDictionary(g => g.Id);
        var matched = new Dictionary<long, long>();
        int missing = 0, other = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var id = table.Id(i);
            if (!heapGoroutines.TryGetValue(id, out var inHeap)) { missing++; continue; }
            var frames = goroutines.StackFrames(table.Stack(i));
            var outermost = frames.Count > 0 ? frames[^1].Function : "";
            if (outermost.Length > 0 && !inHeap.Frames.Contains(outermost)) { other++; continue; }
            matched[id] = retention.GetValueOrDefault(id);
        }
        return new HeldMemory(matched, table.Count, missing, other);
    }
}

using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.HeapDumps;
using GoMemLab.Inputs;
using Microsoft.Data.Analysis;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `goroutines top --heapdump`: the groups joined with what each goroutine retains in a heap dump of the same moment
/// (<see cref="HeldMemory"/>). A dump without goroutine ids, or a heap dump that matches fewer than half of its goroutines, is
/// one line and exit 2; goroutines it could not match are counted on stderr.
/// </summary>
internal static class GoroutineMemory
{
    public static DataFrame Join(GoroutineDump dump, GoroutineGroups groups, HeapDump heap)
    {
        if (dump.Goroutines is null)
            throw new InputFormatException(dump.Source,
                "has no goroutine ids (protobuf and debug=1 count per stack): --heapdump needs a debug=2 dump or a traceback");
        var held = HeldMemory.Match(dump, heap);
        // Goroutine 1 runs main.main in every program: a few matches prove nothing, most must match.
        if (held.Matched * 2 < held.Goroutines)
            throw new InputFormatException(heap.Source,
                $"matches only {held.Matched:N0} of the {held.Goroutines:N0} goroutines of {dump.Source} (by id and function): "
                + "take both dumps from one process at one moment");
        if (held.NotInHeapDump + held.OtherFunction > 0)
            Console.Error.WriteLine($"gomemlab: {heap.Source}: {held.NotInHeapDump + held.OtherFunction:N0} of the {held.Goroutines:N0} "
                + $"goroutines of "
                + $"{dump.Source} are not in the heap dump ({held.NotInHeapDump} missing, {held.OtherFunction} running another function): "
                + "they add nothing");
        return groups.ToDataFrame(held.RetainedBytesByGoroutine);
    }
}

using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Reachability and retained sizes on the leaky service's real dump, against their definitions instead of the dominator
/// tree: an object is reachable when a walk from the roots finds it; its retained size is what that walk no longer
/// finds once the object is taken out (what the GC would free if nothing referred to it, Eclipse MAT's definition).
/// One plain breadth-first walk per object checked: slow, but nothing in it is the semi-NCA code under test. The
/// leaky service's heap is not a tree (shared maps, caches and sessions), so the objects checked include those whose
/// immediate dominator is not the object that first reaches them.
/// </summary>
public class RetainedSizeDefinitionTests
{
    [Fact]
    public void Reachable_objects_are_those_a_walk_from_the_roots_finds()
    {
        var dump = CommittedDumps.Leaky();
        var reached = Walk(dump, skip: -1);
        Assert.Equal(Enumerable.Range(0, dump.Objects.Count).Select(i => reached[i]), Enumerable.Range(0, dump.Objects.Count)
            .Select(dump.IsReachable));
        Assert.Contains(false, reached); // a dump holds garbage: WriteHeapDump runs no GC
    }

    [Fact]
    public void Retained_size_is_what_the_roots_no_longer_reach_without_the_object()
    {
        var dump = CommittedDumps.Leaky();
        var all = Walk(dump, skip: -1);
        var reachable = Enumerable.Range(0, dump.Objects.Count).Where(i => all[i]).ToList();
        // Objects reached along more than one path (two or more referrers among reachable objects) test the dominator
        // rule; the largest retainers test whole subtrees; a seeded sample tests the rest.
        var referrers = new int[dump.Objects.Count];
        foreach (var i in reachable)
            foreach (var w in dump.Objects.References(i)) referrers[w]++;
        var shared = reachable.Where(i => referrers[i] >= 2).Take(150);
        var largest = reachable.OrderByDescending(dump.RetainedBytes).Take(50);
        var random = new Random(19);
        var sample = Enumerable.Range(0, 150).Select(_ => reachable[random.Next(reachable.Count)]);
        var checkedObjects = shared.Concat(largest).Concat(sample).Distinct().ToList();
        Assert.True(shared.Count() >= 50, "the dump has objects with several referrers");

        foreach (var v in checkedObjects)
        {
            var without = Walk(dump, skip: v);
            long freed = 0;
            foreach (var i in reachable)
                if (!without[i]) freed += dump.Objects.Size(i);
            Assert.True(freed == dump.RetainedBytes(v), $"object {v} at 0x{dump.Objects.Address(v):x}: retained "
                + $"{dump.RetainedBytes(v)}, freed without it {freed}");
        }
        Assert.All(Enumerable.Range(0, dump.Objects.Count).Where(i => !all[i]), i => Assert.Equal(0, dump.RetainedBytes(i)));
    }

    private static bool[] Walk(HeapDump dump, int skip) => ReachabilityWalk.Reached(dump, i => i == skip);
}

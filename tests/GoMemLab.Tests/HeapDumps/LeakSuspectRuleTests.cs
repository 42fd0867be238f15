using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The leak-suspect rule (<c>LeakSuspects</c>) at its edges: the tiny dump's suspects follow from how it was built; on
/// the leaky service's dump, the threshold is a strict "more than", goroutines group by their entry function from two
/// members on, and each accumulation chain descends through the biggest child while it holds 80% of its parent.
/// Retained sizes come from reachability walks and the dominator listing, not from the rule under test.
/// </summary>
public class LeakSuspectRuleTests
{
    [Fact]
    public void The_tiny_dump_has_three_suspects_over_a_tenth_of_its_160_reachable_bytes()
    {
        var report = CommittedDumps.Tiny().LeakSuspects();
        Assert.Equal((0.1, 160L), (report.Threshold, report.ReachableBytes));
        Assert.Equal(
        [
            // d: shared by a and data, nothing below it. The goroutine: a holds all of it (64 of 64 bytes), b only half of a.
            ("0xc000002000", "object", 1, 64L, 1L, 0.4, "0xc000002000", "", 64L, 0, "0xc000002000"),
            ("goroutine 1 main.main", "goroutine", 1, 64, 2, 0.4, "0xc000000000", "example.com/tiny/main.go:7", 64, 1,
                "goroutine 1 main.main → 0xc000000000"),
            ("0xc000000040", "object", 1, 32, 1, 0.2, "0xc000000040", "example.com/tiny/main.go:7", 32, 0, "0xc000000040"),
        ], report.Rows.Select(s => (s.Suspect, s.Kind, s.Instances, s.RetainedBytes, s.RetainedObjects, s.Share, s.AccumulationPoint,
            s.AccumulationSite, s.AccumulationRetainedBytes, s.AccumulationChildren, s.Chain)));
    }

    [Fact]
    public void A_suspect_retains_more_than_the_threshold_not_as_much()
    {
        var dump = CommittedDumps.Tiny();
        // 0.4 × 160 is exactly 64 in doubles: the two 64-byte nodes sit on the line and are not suspects.
        Assert.Equal(64.0, 0.4 * 160);
        Assert.Empty(dump.LeakSuspects(0.4).Rows);
        Assert.Equal(2, dump.LeakSuspects(0.39).Rows.Count);
        Assert.Single(dump.LeakSuspects(0.2 - 1e-9).Rows, s => s.Suspect == "0xc000000040");
    }

    [Fact]
    public void A_chain_descends_into_a_child_holding_exactly_four_fifths_and_a_group_starts_at_its_biggest_member()
    {
        // heapdump-suspects.dump (make-heapdump-inputs.py): data → p (16 B) → q (64 B), 136 bytes in all; goroutine 1 runs
        // main.worker holding two 16-byte objects, goroutine 2 runs main.worker holding one of 24.
        var dump = CommittedDumps.Suspects();
        Assert.Equal(64.0, 0.8 * 80); // q keeps exactly the concentration share of p: the chain goes on into q
        // At 0.3 (a limit of 40.8 bytes) each goroutine is below the line and the two together above it. The group's
        // accumulation point is its biggest member, goroutine 1 (32 bytes), whose two children hold half each: the
        // point names that goroutine, not the group.
        Assert.Equal(
        [
            ("data+0x0", "global", 1, 80L, 2L, 80.0 / 136, "0xc000002000", 64L, 0, "data+0x0 → 0xc000000000 → 0xc000002000"),
            ("2 goroutines running main.worker", "goroutine", 2, 56, 3, 56.0 / 136, "goroutine 1 main.worker", 32, 2,
                "goroutine 1 main.worker"),
        ], dump.LeakSuspects(0.3).Rows.Select(s => (s.Suspect, s.Kind, s.Instances, s.RetainedBytes, s.RetainedObjects, s.Share,
            s.AccumulationPoint, s.AccumulationRetainedBytes, s.AccumulationChildren, s.Chain)));
        // At 0.1 each goroutine is a suspect of its own; the one whose only object holds all of it accumulates there.
        Assert.Equal(
        [
            ("goroutine 1 main.worker", "goroutine 1 main.worker"),
            ("goroutine 2 main.worker", "0xc000006000"),
        ], dump.LeakSuspects().Rows.Skip(1).Select(s => (s.Suspect, s.AccumulationPoint)));
    }

    [Fact]
    public void On_the_leaky_dump_every_top_level_node_over_the_threshold_is_a_suspect_with_what_it_retains()
    {
        var dump = CommittedDumps.Leaky();
        var all = ReachabilityWalk.Reached(dump);
        var total = ReachabilityWalk.Bytes(dump, Enumerable.Range(0, all.Length).Where(i => all[i]));
        var top = dump.Dominators(depth: 0, childrenPerNode: int.MaxValue).Rows;
        foreach (var threshold in new[] { 0.1, 0.01, 0.001 })
        {
            var report = dump.LeakSuspects(threshold);
            Assert.Equal(total, report.ReachableBytes);
            var singles = report.Rows.Where(s => s.Instances == 1).ToList();
            Assert.Equal(top.Where(r => r.RetainedBytes > threshold * total).Select(r => (r.Node, r.RetainedBytes, r.RetainedObjects))
                .OrderByDescending(r => r.RetainedBytes).ThenBy(r => r.Node, StringComparer.Ordinal),
                singles.Select(s => (s.Suspect, s.RetainedBytes, s.RetainedObjects)));
            // Largest first, equal sizes by name.
            Assert.Equal(report.Rows.OrderByDescending(s => s.RetainedBytes).ThenBy(s => s.Suspect, StringComparer.Ordinal), report.Rows);
            Assert.All(report.Rows, s => Assert.Equal((double)s.RetainedBytes / total, s.Share));
            foreach (var s in singles)
            {
                var root = dump.Roots.Roots.ToList().FindIndex(r => r.Name == s.Suspect);
                var freed = root >= 0
                    ? ReachabilityWalk.Freed(all, ReachabilityWalk.Reached(dump, removedRoot: root))
                    : ReachabilityWalk.Freed(all, ReachabilityWalk.Reached(dump, i => i == ReachabilityWalk.ObjectNamed(dump, s.Suspect)));
                Assert.Equal((ReachabilityWalk.Bytes(dump, freed), (long)freed.Count), (s.RetainedBytes, s.RetainedObjects));
            }
        }
    }

    [Fact]
    public void Goroutines_below_the_threshold_are_one_suspect_per_entry_function_from_two_on()
    {
        var dump = CommittedDumps.Leaky();
        var roots = dump.RootRetention().Rows.Where(r => r.Kind == RootKind.Goroutine).ToList();
        string Entry(RootRetentionRow r) => dump.Goroutines.Single(g => g.Id == r.GoroutineId).EntryFunction;
        var total = dump.Info().ReachableBytes;
        // Two gcBgMarkWorker goroutines hold 32 bytes each: a limit of 40 bytes puts each below it and the pair above.
        var workers = roots.Where(r => Entry(r) == "runtime.gcBgMarkWorker").ToList();
        Assert.Equal([32L, 32L], workers.Select(r => r.RetainedBytes));
        var threshold = 40.0 / total;
        var report = dump.LeakSuspects(threshold);
        var groups = report.Rows.Where(s => s.Suspect.Contains(" goroutines running ", StringComparison.Ordinal)).ToList();
        var expected = roots.Where(r => r.RetainedBytes <= threshold * total).GroupBy(Entry)
            .Where(g => g.Count() >= 2 && g.Sum(r => r.RetainedBytes) > threshold * total)
            .Select(g => ($"{g.Count()} goroutines running {g.Key}", "goroutine", g.Count(), g.Sum(r => r.RetainedBytes),
                g.Sum(r => r.RetainedObjects)))
            .OrderBy(x => x.Item1, StringComparer.Ordinal);
        Assert.Equal(expected, groups.Select(s => (s.Suspect, s.Kind, s.Instances, s.RetainedBytes, s.RetainedObjects))
            .OrderBy(x => x.Suspect, StringComparer.Ordinal));
        Assert.Contains(groups, s => s.Suspect == "2 goroutines running runtime.gcBgMarkWorker");

        // A group's chain starts at its biggest member; it descends like any other.
        foreach (var group in groups)
        {
            var entry = group.Suspect[(group.Suspect.IndexOf(" running ", StringComparison.Ordinal) + 9)..];
            var biggest = roots.Where(r => Entry(r) == entry).Max(r => r.RetainedBytes);
            var start = group.Chain.Split(" → ")[0];
            Assert.Equal(biggest, roots.Single(r => r.Root == start).RetainedBytes);
            Assert.NotEqual(group.Suspect, group.AccumulationPoint);
        }

        // Exactly at the pair's 64 bytes, it is no suspect; just below, it is. (Some double times the reachable bytes
        // is exactly 64: the nearest to 64 / total, or a neighbour.)
        var near = 64.0 / total;
        var onTheLine = new[] { near, Math.BitIncrement(near), Math.BitDecrement(near) }.First(t => t * total == 64);
        const string Pair = "2 goroutines running runtime.gcBgMarkWorker";
        Assert.DoesNotContain(dump.LeakSuspects(onTheLine).Rows, s => s.Suspect == Pair);
        Assert.Contains(dump.LeakSuspects(onTheLine * (1 - 1e-9)).Rows, s => s.Suspect == Pair);
    }

    [Fact]
    public void The_chain_follows_the_biggest_child_while_it_holds_four_fifths_of_its_parent()
    {
        var dump = CommittedDumps.Leaky();
        foreach (var suspect in dump.LeakSuspects(0.01).Rows.Where(s => s.Instances == 1))
        {
            var chain = suspect.Chain.Split(" → ");
            Assert.Equal(suspect.Suspect, chain[0]);
            // The biggest child of each node down the dominator tree: the first below it in the listing.
            var listing = dump.Dominators(depth: chain.Length + 1, childrenPerNode: int.MaxValue).Rows;
            var node = listing.Single(r => r.Depth == 0 && r.Node == suspect.Suspect);
            var descent = new List<DominatorRow> { node };
            while (listing.FirstOrDefault(r => r.ParentId == node.Id) is { } child)
            {
                descent.Add(child);
                node = child;
            }
            var stop = 1;
            while (stop < descent.Count && descent[stop].RetainedBytes >= 0.8 * descent[stop - 1].RetainedBytes) stop++;
            Assert.Equal(descent.Take(stop).Select(r => r.Node), chain);
            var point = descent[stop - 1];
            Assert.Equal((point.Node, point.Site, point.RetainedBytes, listing.Count(r => r.ParentId == point.Id)),
                (suspect.AccumulationPoint, suspect.AccumulationSite, suspect.AccumulationRetainedBytes, suspect.AccumulationChildren));
        }
        Assert.Contains(dump.LeakSuspects(0.01).Rows, s => s.Chain.Split(" → ").Length > 5);
    }
}

using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The dominator listing (<c>Dominators</c>, <c>gomemlab heapdump dominators</c>): on the tiny dump, whose tree follows
/// from how make-heapdump-inputs.py built it; on the leaky service's dump, against reachability walks (a node's
/// children are objects that no walk without it reaches; the top level splits the reachable heap).
/// </summary>
public class DominatorListingTests
{
    [Fact]
    public void The_tiny_dump_lists_its_tree_largest_first_in_tree_order()
    {
        // a (32 B) → b (32 B) and a → d (64 B); the goroutine's frame holds a; data holds d; bss and b's finalizer hold c
        // (32 B). The goroutine alone reaches a and b; d and c have two holders each, so only the super-root dominates
        // them. Equal retained sizes keep table order (objects before roots).
        var rows = CommittedDumps.Tiny().Dominators(depth: 5).Rows;
        Assert.Equal(
        [
            (1, 0, 0, "0xc000002000", "object", 64L, 64L, 1L, ""),
            (2, 0, 0, "goroutine 1 main.main", "goroutine", 0, 64, 2, ""),
            (3, 2, 1, "0xc000000000", "object", 32, 64, 2, "example.com/tiny/main.go:7"),
            (4, 3, 2, "0xc000000020", "object", 32, 32, 1, ""),
            (5, 0, 0, "0xc000000040", "object", 32, 32, 1, "example.com/tiny/main.go:7"),
        ], rows.Take(5).Select(r => (r.Id, r.ParentId, r.Depth, r.Node, r.Kind, r.Bytes, r.RetainedBytes, r.RetainedObjects, r.Site)));
        // The three roots that hold nothing alone, after them.
        Assert.Equal(["bss+0x0", "data+0x0", "finalizer on 0xc000000020 (0x403000)"],
            rows.Skip(5).Select(r => r.Node).Order(StringComparer.Ordinal));
        Assert.All(rows.Skip(5), r => Assert.Equal((0, 0L, ""), (r.Depth, r.RetainedBytes, r.Site)));
        Assert.Equal(["global", "global", "finalizer"], rows.Skip(5).Select(r => r.Kind).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Depth_and_children_per_node_cut_the_tiny_tree()
    {
        var dump = CommittedDumps.Tiny();
        Assert.Equal(["0xc000002000", "goroutine 1 main.main", "0xc000000040"], dump.Dominators(depth: 0, childrenPerNode: 3).Rows
            .Select(r => r.Node));
        Assert.Equal(["0xc000002000", "goroutine 1 main.main", "0xc000000000"], dump.Dominators(depth: 1, childrenPerNode: 2).Rows
            .Select(r => r.Node));
        Assert.Equal(4, dump.Dominators(depth: 2, childrenPerNode: 2).Rows.Count);
        Assert.Equal(160, dump.Dominators(depth: 0).ReachableBytes);
    }

    [Fact]
    public void The_top_level_of_the_leaky_dump_splits_its_reachable_heap_and_names_every_root()
    {
        var dump = CommittedDumps.Leaky();
        var all = ReachabilityWalk.Reached(dump);
        var reachable = ReachabilityWalk.Bytes(dump, Enumerable.Range(0, all.Length).Where(i => all[i]));
        var report = dump.Dominators(depth: 0, childrenPerNode: int.MaxValue);
        Assert.Equal(reachable, report.ReachableBytes);
        Assert.All(report.Rows, r => Assert.Equal((0, 0), (r.Depth, r.ParentId)));
        // Every reachable object is under exactly one top-level node.
        Assert.Equal(reachable, report.Rows.Sum(r => r.RetainedBytes));
        Assert.Equal(all.Count(x => x), report.Rows.Sum(r => r.RetainedObjects));
        AssertLargestFirst(report.Rows);

        // Each root is listed once, by its name and kind; what it retains is what the roots without it no longer reach.
        var roots = report.Rows.Where(r => r.Kind != "object").ToList();
        Assert.Equal(dump.Roots.Roots.Select(r => r.Name).Order(StringComparer.Ordinal),
            roots.Select(r => r.Node).Order(StringComparer.Ordinal));
        for (var r = 0; r < dump.Roots.Count; r++)
        {
            var row = roots.Single(x => x.Node == dump.Roots[r].Name);
            var freed = ReachabilityWalk.Freed(all, ReachabilityWalk.Reached(dump, removedRoot: r));
            Assert.Equal((dump.Roots[r].Kind.ToText(), 0L, ReachabilityWalk.Bytes(dump, freed), (long)freed.Count, ""),
                (row.Kind, row.Bytes, row.RetainedBytes, row.RetainedObjects, row.Site));
        }
        // The objects at the top are those several roots share: no one root's removal frees them.
        foreach (var row in report.Rows.Where(r => r.Kind == "object"))
        {
            var index = ReachabilityWalk.ObjectNamed(dump, row.Node);
            Assert.Equal((dump.Objects.Size(index), dump.RetainedBytes(index), ReachabilityWalk.SiteOf(dump, index)),
                (row.Bytes, row.RetainedBytes, row.Site));
        }
    }

    [Fact]
    public void Below_a_node_come_the_objects_it_alone_keeps_biggest_first_as_many_as_asked()
    {
        var dump = CommittedDumps.Leaky();
        var all = ReachabilityWalk.Reached(dump);
        var full = dump.Dominators(depth: 3, childrenPerNode: int.MaxValue).Rows;
        var cut = dump.Dominators(depth: 2, childrenPerNode: 3).Rows;
        Assert.Equal(2, cut.Max(r => r.Depth));
        Assert.Equal(3, full.Max(r => r.Depth));
        AssertTreeOrder(cut);
        AssertTreeOrder(full);
        // The cut listing is the full one with each node's children after the third left out, and nothing below depth 2.
        Assert.Equal(Paths(full).Where(p => p.Depth <= 2 && p.Ranks.All(rank => rank < 3)).Select(p => p.Key),
            Paths(cut).Select(p => p.Key));

        var byId = full.ToDictionary(r => r.Id);
        foreach (var row in full.Where(r => r.Depth > 0))
        {
            var parent = byId[row.ParentId];
            var index = ReachabilityWalk.ObjectNamed(dump, row.Node);
            Assert.True(index >= 0, row.Node);
            Assert.Equal(("object", dump.Objects.Size(index), dump.RetainedBytes(index), ReachabilityWalk.SiteOf(dump, index)),
                (row.Kind, row.Bytes, row.RetainedBytes, row.Site));
            Assert.True(row.RetainedBytes <= parent.RetainedBytes - parent.Bytes, $"{row.Node} under {parent.Node}");
        }
        // Dominance by definition for the children of the biggest root and of the first objects: without the parent,
        // the roots no longer reach the child.
        foreach (var parent in full.Where(r => full.Any(c => c.ParentId == r.Id)).Take(6))
        {
            var parentObject = ReachabilityWalk.ObjectNamed(dump, parent.Node);
            var without = parentObject >= 0
                ? ReachabilityWalk.Reached(dump, i => i == parentObject)
                : ReachabilityWalk.Reached(dump, removedRoot: dump.Roots.Roots.ToList().FindIndex(r => r.Name == parent.Node));
            foreach (var child in full.Where(c => c.ParentId == parent.Id))
                Assert.False(without[ReachabilityWalk.ObjectNamed(dump, child.Node)], $"{child.Node} is reached without {parent.Node}");
        }
    }

    private static void AssertLargestFirst(IEnumerable<DominatorRow> siblings)
    {
        var sizes = siblings.Select(r => r.RetainedBytes).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
    }

    // Rows in tree order: ids count up, each row's parent is the row above it or one of that row's ancestors, one level
    // up; siblings largest first.
    private static void AssertTreeOrder(IReadOnlyList<DominatorRow> rows)
    {
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Id));
        var open = new Stack<DominatorRow>();
        foreach (var row in rows)
        {
            while (open.Count > 0 && open.Peek().Depth >= row.Depth) open.Pop();
            Assert.Equal(open.Count == 0 ? 0 : open.Peek().Id, row.ParentId);
            Assert.Equal(open.Count, row.Depth);
            open.Push(row);
        }
        foreach (var group in rows.GroupBy(r => r.ParentId)) AssertLargestFirst(group);
    }

    // Each row as the path of node names from the top, with its rank among its siblings at each level.
    private static List<(string Key, int Depth, int[] Ranks)> Paths(IReadOnlyList<DominatorRow> rows)
    {
        var byId = rows.ToDictionary(r => r.Id);
        var rank = rows.GroupBy(r => r.ParentId).SelectMany(g => g.Select((r, i) => (r.Id, i))).ToDictionary(x => x.Id, x => x.i);
        return rows.Select(r =>
        {
            var names = new List<string>();
            var ranks = new List<int>();
            for (var x = r; ; x = byId[x.ParentId])
            {
                names.Add(x.Node);
                ranks.Add(rank[x.Id]);
                if (x.ParentId == 0) break;
            }
            return (string.Join(" / ", Enumerable.Reverse(names)), r.Depth, ranks.ToArray());
        }).ToList();
    }
}

using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Merged shortest paths to GC roots (<c>MergedPathsToSite</c>, Eclipse MAT's "merge shortest paths") against a tree
/// built here from their definition: a breadth-first walk from the roots (roots in table order, then references in
/// order: the first shortest path, as the method documents) gives each object one path; a path reads as the root's
/// name, then each object's allocation site ("(no site)" when unsampled); the merged tree has one node per distinct
/// prefix of those paths, counting the site's objects whose path goes through it.
/// </summary>
public class MergedPathsTests
{
    [Fact]
    public void Every_site_of_the_leaky_dump_merges_its_paths_into_the_tree_of_their_prefixes()
    {
        var dump = CommittedDumps.Leaky();
        var paths = PathLabels(dump);
        var sites = dump.SiteRetention().Rows;
        Assert.True(sites.Count(s => s.Objects > 1) >= 20, "the dump has sites with many objects");
        foreach (var site in sites.Where(s => s.Objects > 0))
        {
            var report = dump.MergedPathsToSite(site.Site);
            var targets = Enumerable.Range(0, dump.Objects.Count)
                .Where(i => dump.SiteOf(i) >= 0 && dump.Sites[dump.SiteOf(i)].Site == site.Site && paths[i] is not null).ToList();
            Assert.Equal(site.Objects, targets.Count);
            AssertTree(dump, report.Rows, targets, paths, site.Site);
        }
    }

    [Fact]
    public void A_site_of_the_tiny_dump_merges_a_goroutine_path_and_a_global_path()
    {
        var dump = CommittedDumps.Tiny();
        // a (held by goroutine 1's frame) and c (held by bss and by b's finalizer; the first of them in the root table
        // is its shortest path) share site main.go:7.
        var first = dump.Roots.Roots.First(r => r.Kind == RootKind.Finalizer || r.Name == "bss+0x0");
        var rows = dump.MergedPathsToSite("main.go:7").Rows;
        const string Site = "example.com/tiny/main.go:7";
        Assert.Equal(
            new[]
            {
                (0, "goroutine 1 main.main", "goroutine", 1L, 32L, 0L), (1, Site, "object", 1, 32, 1),
                (0, first.Name, first.Kind.ToText(), 1, 32, 0), (1, Site, "object", 1, 32, 1),
            }.OrderBy(r => r.Item2 == "goroutine 1 main.main" ? 0 : 1).ToArray(),
            rows.Select(r => (r.Depth, r.Node, r.Kind, r.Objects, r.Bytes, r.Targets)).ToArray());
        Assert.Equal([0, 1, 0, 3], rows.Select(r => r.ParentId));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Id).Order());
    }

    // Per object, the labels of its first shortest path from the roots (null when no root reaches it).
    private static string[]?[] PathLabels(HeapDump dump)
    {
        var labels = new string[]?[dump.Objects.Count];
        var queue = new Queue<int>();
        for (var r = 0; r < dump.Roots.Count; r++)
            foreach (var t in dump.Roots.Targets(r))
                if (labels[t] is null)
                {
                    labels[t] = [dump.Roots[r].Name, Label(dump, t)];
                    queue.Enqueue(t);
                }
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in dump.Objects.References(v))
                if (labels[w] is null)
                {
                    labels[w] = [.. labels[v]!, Label(dump, w)];
                    queue.Enqueue(w);
                }
        }
        return labels;
    }

    private static string Label(HeapDump dump, int index) => ReachabilityWalk.SiteOf(dump, index) is { Length: > 0 } s ? s : "(no site)";

    private static void AssertTree(HeapDump dump, IReadOnlyList<MergedPathRow> rows, List<int> targets, string[]?[] paths, string site)
    {
        // What each prefix should count, and the order the targets (in the dump's object order) first reach each.
        var expected = new Dictionary<string, (long Objects, long Bytes, long Targets)>();
        var met = new Dictionary<string, int>();
        foreach (var t in targets.Order())
        {
            var path = paths[t]!;
            for (var length = 1; length <= path.Length; length++)
            {
                var key = string.Join("\n", path.Take(length));
                met.TryAdd(key, met.Count);
                expected.TryGetValue(key, out var sum);
                expected[key] = (sum.Objects + 1, sum.Bytes + dump.Objects.Size(t), sum.Targets + (length == path.Length ? 1 : 0));
            }
        }
        var byId = rows.ToDictionary(r => r.Id);
        var keys = new Dictionary<int, string>();
        string KeyOf(MergedPathRow row) => keys.TryGetValue(row.Id, out var k) ? k
            : keys[row.Id] = row.ParentId == 0 ? row.Node : KeyOf(byId[row.ParentId]) + "\n" + row.Node;
        var actual = rows.ToDictionary(KeyOf, r => (r.Objects, r.Bytes, r.Targets));
        Assert.True(expected.Count == actual.Count, $"{site}: {actual.Count} merged nodes, expected {expected.Count}");
        foreach (var (key, value) in expected)
            Assert.True(actual.TryGetValue(key, out var got) && got == value,
                $"{site}: {key.Replace("\n", " → ")} is {got}, expected {value}");

        // Tree order: each row right after its parent's subtree started, depth one below it, roots' kinds at the top,
        // bigger subtrees first among siblings.
        var open = new Stack<MergedPathRow>();
        foreach (var row in rows)
        {
            while (open.Count > 0 && open.Peek().Depth >= row.Depth) open.Pop();
            Assert.Equal((open.Count == 0 ? 0 : open.Peek().Id, open.Count), (row.ParentId, row.Depth));
            Assert.Equal(row.Depth == 0 ? dump.Roots.Roots.First(r => r.Name == row.Node).Kind.ToText() : "object", row.Kind);
            open.Push(row);
        }
        // Bigger subtrees first among siblings; equal ones in the order the targets met them.
        foreach (var siblings in rows.GroupBy(r => r.ParentId))
            Assert.Equal(siblings.OrderByDescending(r => r.Bytes).ThenBy(r => met[KeyOf(r)]).Select(r => r.Id), siblings.Select(r => r.Id));
        Assert.Equal(targets.Count, rows.Where(r => r.Depth == 0).Sum(r => r.Objects));
    }
}

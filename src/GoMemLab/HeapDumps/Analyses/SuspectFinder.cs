using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// MAT's leak-suspect rule on the dominator tree: top-level dominators above <c>threshold</c> of the reachable bytes,
/// then groups of goroutine roots with one entry function (a goroutine leak is many small roots) above it together.
/// The accumulation point descends through the biggest child while that child retains at least
/// <see cref="ConcentrationShare"/> of its parent.
/// </summary>
internal static class SuspectFinder
{
    /// <summary>A child holding at least this share of its parent's retained bytes is where the memory still "is".</summary>
    public const double ConcentrationShare = 0.8;

    public static LeakSuspectReport Find(HeapDump dump, HeapGraph graph, DominatorTree tree, NodeLabels labels, double threshold)
    {
        var total = tree.RetainedBytes(graph.SuperRoot);
        var limit = threshold * total;
        var suspects = new List<LeakSuspect>();
        var groups = new Dictionary<string, List<int>>();
        foreach (var node in tree.Children(graph.SuperRoot))
        {
            if (tree.RetainedBytes(node) > limit)
            {
                suspects.Add(Describe(labels.Name(node), labels.Kind(node), [node], graph, tree, labels, total));
                continue;
            }
            if (graph.IsRoot(node) && dump.Roots[node - graph.ObjectCount] is { Kind: RootKind.Goroutine } root)
            {
                // Every goroutine root comes from a goroutine record of the dump.
                var entry = dump.Goroutines.First(g => g.Id == root.GoroutineId).EntryFunction;
                var key = $"goroutines running {entry}";
                if (!groups.TryGetValue(key, out var members)) groups[key] = members = [];
                members.Add(node);
            }
        }
        foreach (var (name, members) in groups)
        {
            if (members.Count < 2) continue;
            var sum = members.Sum(m => tree.RetainedBytes(m));
            if (sum > limit)
                suspects.Add(Describe($"{members.Count} {name}", RootKind.Goroutine.ToText(), members, graph, tree, labels, total));
        }
        // Largest first; equal sizes (a group of identical leaked goroutines) by name, so the order never depends on the sort.
        return new LeakSuspectReport([.. suspects.OrderByDescending(s => s.RetainedBytes).ThenBy(s => s.Suspect, StringComparer.Ordinal)],
            threshold, total);
    }

    // Called only for what retains more than a limit of at least 0, so total (the reachable bytes) is never 0.
    private static LeakSuspect Describe(string name, string kind, List<int> members, HeapGraph graph, DominatorTree tree,
        NodeLabels labels, long total)
    {
        var retained = members.Sum(m => tree.RetainedBytes(m));
        var objects = members.Sum(m => (long)tree.RetainedObjects(m));
        // A group's accumulation point is that of its biggest member.
        var start = members.MaxBy(m => tree.RetainedBytes(m));
        var point = start;
        var chain = new List<int> { start };
        while (true)
        {
            var children = tree.Children(point);
            if (children.Length == 0 || tree.RetainedBytes(children[0]) < ConcentrationShare * tree.RetainedBytes(point)) break;
            point = children[0];
            chain.Add(point);
        }
        return new LeakSuspect(name, kind, members.Count, retained, objects, (double)retained / total, labels.Name(point),
            labels.Site(point), tree.RetainedBytes(point), tree.Children(point).Length,
            string.Join(" → ", chain.Select(labels.Name)));
    }
}

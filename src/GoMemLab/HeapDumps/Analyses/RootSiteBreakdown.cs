using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// The top-level dominators (roots, and objects several roots share, as "(several roots)") that retain the most,
/// each broken down by the allocation sites of the objects in its dominator subtree (an iterative walk; every
/// reachable object is counted once, under the one top-level dominator above it).
/// </summary>
internal static class RootSiteBreakdown
{
    public static RootSiteReport Compute(HeapDump dump, HeapGraph graph, DominatorTree tree, NodeLabels labels, int top)
    {
        var tops = tree.Children(graph.SuperRoot);
        var groups = new List<(string Name, string Kind, List<int> Nodes)>();
        var shared = new List<int>();
        foreach (var node in tops)
        {
            if (graph.IsRoot(node) && groups.Count < top) groups.Add((labels.Name(node), labels.Kind(node), [node]));
            else if (!graph.IsRoot(node)) shared.Add(node);
        }
        if (shared.Count > 0) groups.Add((SiteHolderReport.SeveralRoots, "", shared));
        var rows = new List<RootSiteRow>();
        var stack = new Stack<int>();
        foreach (var (name, kind, nodes) in groups)
        {
            var bySite = new Dictionary<string, (long Bytes, long Objects)>();
            foreach (var n in nodes) stack.Push(n);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (graph.IsObject(node))
                {
                    var site = labels.Site(node) is { Length: > 0 } s ? s : MergedPaths.NoSite;
                    bySite.TryGetValue(site, out var sum);
                    bySite[site] = (sum.Bytes + graph.Size(node), sum.Objects + 1);
                }
                foreach (var child in tree.Children(node)) stack.Push(child);
            }
            rows.AddRange(bySite.OrderByDescending(kv => kv.Value.Bytes).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new RootSiteRow(name, kind, kv.Key, kv.Value.Bytes, kv.Value.Objects)));
        }
        return new RootSiteReport(rows, tree.RetainedBytes(graph.SuperRoot));
    }
}

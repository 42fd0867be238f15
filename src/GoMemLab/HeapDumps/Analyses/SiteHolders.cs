using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// The holders of one site's objects: each reachable object's dominating root (the root on its dominator chain, found
/// by walking idoms with memoisation) or "(several roots)", grouped with objects and bytes, and a shortest path to the
/// group's nearest object.
/// </summary>
internal static class SiteHolders
{
    public static SiteHolderReport Compute(HeapDump dump, int site, HeapGraph graph, DominatorTree tree, ShortestPaths paths,
        NodeLabels labels)
    {
        var memo = new Dictionary<int, int>();
        int HoldingRoot(int node)
        {
            var chain = new List<int>();
            var v = node;
            int answer;
            while (true)
            {
                if (memo.TryGetValue(v, out answer)) break;
                if (graph.IsRoot(v)) { answer = v; break; }
                if (v == graph.SuperRoot || v < 0) { answer = -1; break; }
                chain.Add(v);
                v = tree.ImmediateDominator(v);
            }
            foreach (var c in chain) memo[c] = answer;
            return answer;
        }
        var groups = new Dictionary<int, (long Objects, long Bytes, int Nearest)>();
        var rank = new Dictionary<int, int>();
        var order = 0;
        foreach (var node in paths.VisitOrder) if (node < graph.ObjectCount && dump.SiteOf(node) == site) rank[node] = order++;
        foreach (var obj in dump.ObjectsOfSite(site))
        {
            var holder = HoldingRoot(obj);
            groups.TryGetValue(holder, out var g);
            var nearest = g.Objects == 0 || rank[obj] < rank[g.Nearest] ? obj : g.Nearest;
            groups[holder] = (g.Objects + 1, g.Bytes + graph.Size(obj), nearest);
        }
        var rows = groups.Select(kv =>
        {
            var path = paths.PathTo(kv.Value.Nearest, graph);
            var root = kv.Key >= 0 ? dump.Roots[kv.Key - graph.ObjectCount] : null;
            return new SiteHolderRow(dump.Sites[site].Site, root?.Name ?? SiteHolderReport.SeveralRoots, root?.Kind, kv.Value.Objects,
                kv.Value.Bytes,
                string.Join(" → ", path.Select(labels.Name)));
        }).OrderByDescending(r => r.Bytes).ThenBy(r => r.Root, StringComparer.Ordinal).ToList();
        return new SiteHolderReport(dump.Sites[site].Site, rows);
    }
}

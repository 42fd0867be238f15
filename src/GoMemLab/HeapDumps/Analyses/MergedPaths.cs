using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// Eclipse MAT's "merge shortest paths to GC roots": the shortest paths of a set of objects, merged into one tree from
/// the roots down. Consecutive objects are merged by their allocation site ("(no site)" when unsampled), so a hundred
/// thousand cache entries read as root → map → buckets → entry → body with counts. Each heap node's tree node is
/// memoised, so the cost is linear in the nodes on the paths even for a long linked list.
/// </summary>
internal static class MergedPaths
{
    public const string NoSite = "(no site)";

    /// <summary>The merged tree of the paths to <paramref name="targets"/>, which must all be reachable (as a site's reachable
    /// objects are).</summary>
    public static MergedPathReport Compute(IEnumerable<int> targets, HeapGraph graph, ShortestPaths paths, NodeLabels labels)
    {
        var memo = new Dictionary<int, int>();
        var parentOf = new List<int>();
        var label = new List<string>();
        var kind = new List<string>();
        var depth = new List<int>();
        var selfObjects = new List<long>();
        var selfBytes = new List<long>();
        var children = new Dictionary<(int Parent, string Label), int>();
        int Child(int parent, string name, string nodeKind)
        {
            if (children.TryGetValue((parent, name), out var id)) return id;
            id = label.Count;
            parentOf.Add(parent);
            label.Add(name);
            kind.Add(nodeKind);
            depth.Add(parent < 0 ? 0 : depth[parent] + 1);
            selfObjects.Add(0);
            selfBytes.Add(0);
            children[(parent, name)] = id;
            return id;
        }
        var chain = new List<int>();
        foreach (var target in targets)
        {
            chain.Clear();
            var v = target;
            while (v != graph.SuperRoot && !memo.ContainsKey(v))
            {
                chain.Add(v);
                v = paths.Parent(v);
            }
            var treeNode = v == graph.SuperRoot ? -1 : memo[v];
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                var node = chain[i];
                var name = graph.IsObject(node) ? (labels.Site(node) is { Length: > 0 } s ? s : NoSite) : labels.Name(node);
                treeNode = Child(treeNode, name, labels.Kind(node));
                memo[node] = treeNode;
            }
            selfObjects[treeNode]++;
            selfBytes[treeNode] += graph.Size(target);
        }
        var objects = selfObjects.ToArray();
        var bytes = selfBytes.ToArray();
        for (var i = label.Count - 1; i > 0; i--)
        {
            if (parentOf[i] < 0) continue;
            objects[parentOf[i]] += objects[i];
            bytes[parentOf[i]] += bytes[i];
        }
        // Tree order (parents before children, bigger subtrees first; equal ones in the order the targets, in the dump's
        // object order, reached them) for reading top to bottom.
        var rows = new List<MergedPathRow>(label.Count);
        var kids = new List<int>[label.Count + 1];
        for (var i = 0; i <= label.Count; i++) kids[i] = [];
        for (var i = 0; i < label.Count; i++) kids[parentOf[i] < 0 ? label.Count : parentOf[i]].Add(i);
        var stack = new Stack<int>();
        foreach (var k in kids[label.Count].OrderBy(k => bytes[k]).ThenByDescending(k => k)) stack.Push(k);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            rows.Add(new MergedPathRow(i + 1, parentOf[i] + 1, depth[i], label[i], kind[i], objects[i], bytes[i], selfObjects[i]));
            foreach (var k in kids[i].OrderBy(k => bytes[k]).ThenByDescending(k => k)) stack.Push(k);
        }
        return new MergedPathReport(rows);
    }
}

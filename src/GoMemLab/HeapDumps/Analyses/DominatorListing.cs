using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>The top of the dominator tree in tree order: <c>depth</c> levels below the roots, the biggest children of each node.</summary>
internal static class DominatorListing
{
    public static DominatorReport Compute(HeapGraph graph, DominatorTree tree, NodeLabels labels, int depth, int childrenPerNode)
    {
        var rows = new List<DominatorRow>();
        var stack = new Stack<(int Node, int Depth, int ParentId)>();
        Push(tree.Children(graph.SuperRoot), 0, 0);
        while (stack.Count > 0)
        {
            var (node, level, parentId) = stack.Pop();
            var id = rows.Count + 1;
            rows.Add(new DominatorRow(id, parentId, level, labels.Name(node), labels.Kind(node), graph.Size(node), tree.RetainedBytes(node),
                tree.RetainedObjects(node), labels.Site(node)));
            if (level < depth) Push(tree.Children(node), level + 1, id);
        }
        return new DominatorReport(rows, tree.RetainedBytes(graph.SuperRoot));

        void Push(ReadOnlySpan<int> children, int level, int parentId)
        {
            var count = Math.Min(children.Length, childrenPerNode);
            for (var i = count - 1; i >= 0; i--) stack.Push((children[i], level, parentId));
        }
    }
}

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// A breadth-first search from the super-root: every reachable node gets the parent on one shortest path from the
/// roots (fewest references; among equals, the first root in table order and then the first field, deterministic for a
/// given dump). <see cref="VisitOrder"/> lists nodes by distance, nearest first.
/// </summary>
internal sealed class ShortestPaths
{
    private const int Unreached = -1;
    private readonly int[] _parent;
    private readonly int[] _queue;

    private ShortestPaths(int[] parent, int[] queue)
    {
        _parent = parent;
        _queue = queue;
    }

    /// <summary>The previous node on the shortest path to <paramref name="node"/>, the super-root for roots, -1 when unreachable.</summary>
    public int Parent(int node) => _parent[node];

    public ReadOnlySpan<int> VisitOrder => _queue;

    public static ShortestPaths Compute(HeapGraph graph)
    {
        var parent = new int[graph.NodeCount];
        Array.Fill(parent, Unreached);
        var queue = new int[graph.NodeCount];
        var head = 0;
        var tail = 0;
        queue[tail++] = graph.SuperRoot;
        parent[graph.SuperRoot] = graph.SuperRoot;
        while (head < tail)
        {
            var v = queue[head++];
            foreach (var w in graph.Successors(v))
            {
                if (parent[w] != Unreached) continue;
                parent[w] = v;
                queue[tail++] = w;
            }
        }
        parent[graph.SuperRoot] = Unreached;
        return new ShortestPaths(parent, queue.AsSpan(0, tail).ToArray());
    }

    /// <summary>The nodes from the root (first) to <paramref name="node"/> (last); empty when it is unreachable.</summary>
    public List<int> PathTo(int node, HeapGraph graph)
    {
        var path = new List<int>();
        if (_parent[node] == Unreached) return path;
        for (var v = node; v != graph.SuperRoot; v = _parent[v]) path.Add(v);
        path.Reverse();
        return path;
    }
}

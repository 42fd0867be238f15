using System.Runtime.InteropServices;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// pprof's call graph (internal/graph newGraph) over <see cref="FilteredStacks"/>: one node per distinct
/// <see cref="NodeIdentity"/> at the chosen granularity, each line of a location being one frame (inlined
/// callee first). For every sample with a non-zero value, walking its frames from the root:
/// <list type="bullet">
/// <item>cum: every node on the stack gets the value once, however often it recurs;</item>
/// <item>edges: each (caller, callee) pair once per sample, flagged inline when the callee is not the last
/// line of its location, residual when frames between them were left out of the graph;</item>
/// <item>flat: the leaf node gets the value, unless the leaf frames themselves were left out.</item>
/// </list>
/// A build can be restricted to a set of kept nodes (pprof's KeptNodes); others become gaps in the stacks.
/// </summary>
internal sealed class CallGraph
{
    public readonly long[] Flat;
    public readonly long[] Cum;
    public readonly bool[] Present;
    /// <summary>
    /// Edges into nodes that occur as inlined frames somewhere (the only edges that can make a node
    /// "(inline)"; every other edge is a plain call), as parallel columns: source, destination, weight, inline.
    /// </summary>
    public readonly GrowableArray<int> EdgeSource = new(), EdgeDestination = new();
    public readonly GrowableArray<long> EdgeWeight = new();
    public readonly GrowableArray<bool> EdgeInline = new();

    private CallGraph(int nodeCount)
    {
        Flat = new long[nodeCount];
        Cum = new long[nodeCount];
        Present = new bool[nodeCount];
    }

    public IEnumerable<int> Nodes()
    {
        for (var n = 0; n < Present.Length; n++) if (Present[n]) yield return n;
    }

    /// <param name="locationNodes">Per location, the node of each kept line (innermost first), -1 where the node is not kept.</param>
    /// <param name="kept">Null to keep all nodes.</param>
    public static CallGraph Build(Profile profile, FilteredStacks stacks, int sampleIndex, int[][] locationNodes, int nodeCount,
        bool[]? kept)
    {
        var graph = new CallGraph(nodeCount);
        var nodesOf = locationNodes;
        if (kept is not null)
        {
            nodesOf = new int[locationNodes.Length][];
            for (var l = 0; l < locationNodes.Length; l++)
                nodesOf[l] = locationNodes[l].Select(n => n >= 0 && kept[n] ? n : -1).ToArray();
        }

        var inlineCapable = new bool[nodeCount];
        foreach (var nodes in nodesOf)
            for (var k = 0; k < nodes.Length - 1; k++)
                if (nodes[k] >= 0) inlineCapable[nodes[k]] = true;

        var seenNode = new int[nodeCount];
        Array.Fill(seenNode, -1);
        // Callers of a node change rarely from one sample to the next: remember the last edge into each node
        // before falling back to the dictionary.
        var lastParent = new int[nodeCount];
        var lastEdge = new int[nodeCount];
        Array.Fill(lastParent, -2);
        var edgeIndex = new Dictionary<long, int>();
        var edgeSeen = new GrowableArray<int>();
        var flat = graph.Flat;
        var cum = graph.Cum;
        var values = profile.Samples.AllValues;
        var stride = profile.Samples.ValuesPerSample;
        var frames = stacks.Frames;

        for (var s = 0; s < stacks.SampleIds.Length; s++)
        {
            var w = values[(long)stacks.SampleIds[s] * stride + sampleIndex];
            if (w == 0) continue;
            var parent = -1;
            var residual = false;
            for (var i = stacks.StackEnd[s] - 1; i >= stacks.StackStart[s]; i--)
            {
                var nodes = nodesOf[frames[i]];
                for (var ni = nodes.Length - 1; ni >= 0; ni--)
                {
                    var n = nodes[ni];
                    if (n < 0) { residual = true; continue; }
                    if (seenNode[n] != s)
                    {
                        seenNode[n] = s;
                        cum[n] += w;
                    }
                    if (parent >= 0 && n != parent && inlineCapable[n])
                    {
                        int e;
                        if (lastParent[n] == parent) e = lastEdge[n];
                        else
                        {
                            var key = ((long)parent << 32) | (uint)n;
                            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(edgeIndex, key, out var exists);
                            if (!exists)
                            {
                                slot = graph.EdgeSource.Count;
                                graph.EdgeSource.Add(parent);
                                graph.EdgeDestination.Add(n);
                                graph.EdgeWeight.Add(0);
                                graph.EdgeInline.Add(true);
                                edgeSeen.Add(-1);
                            }
                            e = slot;
                            lastParent[n] = parent;
                            lastEdge[n] = e;
                        }
                        if (edgeSeen[e] != s)
                        {
                            edgeSeen[e] = s;
                            graph.EdgeWeight[e] += w;
                            // An edge stays inline only while every contribution is an inlined call.
                            if (ni == nodes.Length - 1) graph.EdgeInline[e] = false;
                        }
                    }
                    parent = n;
                    residual = false;
                }
            }
            if (parent >= 0 && !residual) flat[parent] += w;
        }

        for (var n = 0; n < nodeCount; n++) graph.Present[n] = cum[n] != 0 || flat[n] != 0;
        return graph;
    }
}

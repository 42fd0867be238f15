using GoMemLab.HeapDumps.Model;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// The reference graph the analyses walk: nodes 0..N-1 are the objects, N..N+R-1 the roots, N+R the super-root whose
/// successors are all roots (as in Eclipse MAT). Nothing is copied: successors come from the object and root tables.
/// </summary>
internal sealed class HeapGraph
{
    private readonly HeapObjects _objects;
    private readonly HeapRootTable _roots;
    private readonly int[] _rootNodes;

    public HeapGraph(HeapObjects objects, HeapRootTable roots)
    {
        _objects = objects;
        _roots = roots;
        ObjectCount = objects.Count;
        RootCount = roots.Count;
        _rootNodes = new int[RootCount];
        for (var r = 0; r < RootCount; r++) _rootNodes[r] = ObjectCount + r;
    }

    public int ObjectCount { get; }
    public int RootCount { get; }
    public int NodeCount => ObjectCount + RootCount + 1;
    public int SuperRoot => ObjectCount + RootCount;

    public bool IsObject(int node) => node < ObjectCount;
    public bool IsRoot(int node) => node >= ObjectCount && node < SuperRoot;

    /// <summary>Bytes of a node: an object's size; roots and the super-root have none of their own.</summary>
    public long Size(int node) => node < ObjectCount ? _objects.Size(node) : 0;

    public ReadOnlySpan<int> Successors(int node) =>
        node < ObjectCount ? _objects.References(node)
        : node < SuperRoot ? _roots.Targets(node - ObjectCount)
        : _rootNodes;
}

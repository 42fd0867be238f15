using GoMemLab.HeapDumps.Analyses;
using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps;

// The analyses of a loaded dump: each is one call into Analyses/, over a graph, dominator tree and shortest paths
// that are computed once, on first use.
public sealed partial class HeapDump
{
    private readonly object _gate = new();
    private HeapGraph? _graph;
    private DominatorTree? _tree;
    private ShortestPaths? _paths;

    private HeapGraph Graph
    {
        get
        {
            lock (_gate) return _graph ??= new HeapGraph(Objects, Roots);
        }
    }

    private DominatorTree Tree
    {
        get
        {
            var graph = Graph;
            lock (_gate) return _tree ??= DominatorTree.Compute(graph);
        }
    }

    private ShortestPaths Paths
    {
        get
        {
            var graph = Graph;
            lock (_gate) return _paths ??= ShortestPaths.Compute(graph);
        }
    }

    private NodeLabels Labels => new(this, Graph);

    /// <summary>Objects, bytes, reachable and garbage counts, roots, Go version and pointer size (one row).</summary>
    public HeapDumpInfo Info() => RetentionAnalysis.Info(this, Graph, Tree);

    /// <summary>Every root with the bytes and objects it alone retains, largest first.</summary>
    public RootRetentionReport RootRetention() => RetentionAnalysis.Roots(this, Graph, Tree);

    /// <summary>Every allocation site with its reachable objects, what they retain together, and its garbage, largest first.</summary>
    public SiteRetentionReport SiteRetention() => RetentionAnalysis.Sites(this, Graph, Tree);

    /// <summary>The dominator tree's top <paramref name="depth"/> levels below the roots, <paramref name="childrenPerNode"/> biggest
    /// children each.</summary>
    public DominatorReport Dominators(int depth = 3, int childrenPerNode = 10)
    {
        if (depth < 0) throw new ArgumentException("the depth must be 0 or more");
        if (childrenPerNode < 1) throw new ArgumentException("the number of children per node must be at least 1");
        return DominatorListing.Compute(Graph, Tree, Labels, depth, childrenPerNode);
    }

    /// <summary>MAT's leak suspects: what retains more than <paramref name="threshold"/> (default a tenth) of the reachable heap.</summary>
    public LeakSuspectReport LeakSuspects(double threshold = 0.1)
    {
        if (threshold is <= 0 or >= 1) throw new ArgumentException("the threshold must be between 0 and 1");
        return SuspectFinder.Find(this, Graph, Tree, Labels, threshold);
    }

    /// <summary>The <paramref name="top"/> biggest roots, each broken down by the sites of what it retains (plus "(several
    /// roots)").</summary>
    public RootSiteReport RootSiteBreakdown(int top = 10) => Analyses.RootSiteBreakdown.Compute(this, Graph, Tree, Labels, Math.Max(1,
        top));

    /// <summary>
    /// The shortest path to the accumulation point of the biggest leak suspect, or to the biggest object the biggest
    /// root retains when there is no suspect; null for a dump without roots.
    /// </summary>
    public PathReport? PathToLargestSuspect()
    {
        var graph = Graph;
        var tree = Tree;
        var top = tree.Children(graph.SuperRoot);
        if (top.Length == 0) return null;
        var node = top[0];
        var suspects = LeakSuspects();
        while (true)
        {
            var children = tree.Children(node);
            if (children.Length == 0 || (suspects.Rows.Count > 0
                && tree.RetainedBytes(children[0]) < SuspectFinder.ConcentrationShare * tree.RetainedBytes(node)))
                break;
            node = children[0];
        }
        return graph.IsObject(node) ? PathReportOf(node, $"0x{Objects.Address(node):x}") : null;
    }

    /// <summary>The card of <c>#!heapdump</c>: reachable vs garbage, suspects, top roots, the root → site sunburst, a path chart.</summary>
    public Reports.SummaryCard Card(string? title = null) => Reports.HeapDumpCard.Create(this,
        title ?? $"heap dump — {System.IO.Path.GetFileName(Source)}");

    /// <summary>True when the roots reach object <paramref name="index"/>.</summary>
    public bool IsReachable(int index) => Tree.IsReachable(index);

    /// <summary>The bytes object <paramref name="index"/> retains (0 when it is garbage).</summary>
    public long RetainedBytes(int index) => Tree.RetainedBytes(index);

    /// <summary>
    /// A shortest path from the roots to the object containing <paramref name="address"/>; empty rows when the object is
    /// garbage. Throws <see cref="ArgumentException"/> when no object contains the address.
    /// </summary>
    public PathReport PathTo(ulong address)
    {
        var obj = Objects.Find(address);
        if (obj < 0) throw new ArgumentException($"no object of the dump contains address 0x{address:x}");
        return PathReportOf(obj, $"0x{address:x}");
    }

    /// <summary>
    /// A shortest path from the roots to the nearest reachable object allocated at <paramref name="site"/> (<c>file:line</c>,
    /// or a unique suffix such as <c>cache.go:33</c>); empty when all its objects are garbage.
    /// </summary>
    public PathReport PathToSite(string site)
    {
        var s = FindSite(site);
        foreach (var node in Paths.VisitOrder)
            if (node < Objects.Count && SiteOf(node) == s) return PathReportOf(node, Sites[s].Site);
        return new PathReport([], Sites[s].Site);
    }

    /// <summary>The merged shortest paths of all reachable objects allocated at <paramref name="site"/> (MAT's "merge shortest
    /// paths").</summary>
    public MergedPathReport MergedPathsToSite(string site)
    {
        var s = FindSite(site);
        return MergedPaths.Compute(ObjectsOfSite(s), Graph, Paths, Labels);
    }

    /// <summary>
    /// Who holds the objects of <paramref name="site"/>: per dominating root (or "(several roots)"), the objects and
    /// bytes it keeps and a shortest path to one of them. The call for joining a site to its holder.
    /// </summary>
    public SiteHolderReport HoldersOf(string site) => SiteHolders.Compute(this, FindSite(site), Graph, Tree, Paths, Labels);

    /// <summary>
    /// The bytes the stack of goroutine <paramref name="goroutineId"/> alone retains: 0 when its frames reference no
    /// heap object, null when the dump has no such goroutine (it had exited, or it was dead).
    /// </summary>
    public long? RetainedByGoroutine(long goroutineId) => GoroutineRetention().TryGetValue(goroutineId, out var bytes) ? bytes : null;

    /// <summary>Goroutine id → bytes its stack alone retains, for every goroutine of the dump (0 for those that hold nothing).</summary>
    public IReadOnlyDictionary<long, long> GoroutineRetention()
    {
        var result = Goroutines.ToDictionary(g => g.Id, _ => 0L);
        var graph = Graph;
        var tree = Tree;
        for (var r = 0; r < Roots.Count; r++)
            if (Roots[r].GoroutineId is { } id) result[id] = tree.RetainedBytes(graph.ObjectCount + r);
        return result;
    }

    /// <summary>The comparison of <paramref name="before"/> (an earlier dump of the same program) with this one: <see
    /// cref="HeapDumpDiff.Compare"/>.</summary>
    public HeapDumpDiff DiffSince(HeapDump before) => HeapDumpDiff.Compare(before, this);

    internal IEnumerable<int> ObjectsOfSite(int site)
    {
        for (var i = 0; i < Objects.Count; i++)
            if (SiteOf(i) == site && Tree.IsReachable(i)) yield return i;
    }

    internal int FindSite(string site)
    {
        if (string.IsNullOrWhiteSpace(site)) throw new ArgumentException("no site was given (expected FILE:LINE)");
        var exact = -1;
        var matches = new List<int>();
        for (var i = 0; i < Sites.Count; i++)
        {
            if (Sites[i].Site == site) exact = i;
            else if (Sites[i].Site.EndsWith("/" + site, StringComparison.Ordinal)) matches.Add(i);
        }
        if (exact >= 0) return exact;
        if (matches.Count == 1) return matches[0];
        if (matches.Count > 1)
            throw new ArgumentException($"site {site} matches {matches.Count} sites "
                + $"({string.Join(", ", matches.Take(3).Select(m => Sites[m].Site))}…); give more of the path");
        throw new ArgumentException(Sites.Count == 0
            ? $"the dump has no allocation sites (the program wrote no memprof records), so there is no site {site}"
            : $"no allocation site {site} in the dump (its {Sites.Count:N0} sites are listed by `heapdump sites`; with the default "
            + $"MemProfileRate only sampled objects have one)");
    }

    private PathReport PathReportOf(int obj, string target)
    {
        var graph = Graph;
        var tree = Tree;
        var labels = Labels;
        var nodes = Paths.PathTo(obj, graph);
        var rows = new List<PathStep>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var via = i == 1 && graph.IsRoot(nodes[0]) ? Roots.Via(nodes[0] - graph.ObjectCount, node) : "";
            rows.Add(new PathStep(i, labels.Name(node), labels.Kind(node), graph.Size(node), labels.Site(node), tree.RetainedBytes(node),
                via));
        }
        return new PathReport(rows, target);
    }
}

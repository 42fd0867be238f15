using GoMemLab.HeapDumps.Rows;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// Reachability and retained sizes per root and per allocation site, read off the dominator tree. A root's retained
/// bytes are exactly what the GC frees when that root alone goes (its dominator subtree); a site's are the union of
/// its objects' subtrees, counted once (a subtree inside another of the same site is not counted twice): MAT's minimum
/// retained size, which leaves out what only several of the site's objects hold together.
/// </summary>
internal static class RetentionAnalysis
{
    public static HeapDumpInfo Info(HeapDump dump, HeapGraph graph, DominatorTree tree)
    {
        long reachableObjects = 0, reachableBytes = 0, sampledObjects = 0, sampledBytes = 0;
        var objects = dump.Objects;
        for (var i = 0; i < objects.Count; i++)
        {
            if (dump.SiteOf(i) >= 0)
            {
                sampledObjects++;
                sampledBytes += objects.Size(i);
            }
            if (!tree.IsReachable(i)) continue;
            reachableObjects++;
            reachableBytes += objects.Size(i);
        }
        return new HeapDumpInfo(objects.Count, objects.TotalBytes, reachableObjects, reachableBytes, objects.Count - reachableObjects,
            objects.TotalBytes - reachableBytes, dump.Roots.Count, dump.Parameters.GoVersion, dump.Parameters.PointerSize,
            dump.Goroutines.Count, sampledObjects, sampledBytes, dump.MemStats is { } m ? (long)m.HeapAlloc : null,
            dump.Parameters.Architecture);
    }

    public static RootRetentionReport Roots(HeapDump dump, HeapGraph graph, DominatorTree tree)
    {
        var rows = new List<RootRetentionRow>(dump.Roots.Count);
        for (var r = 0; r < dump.Roots.Count; r++)
        {
            var node = graph.ObjectCount + r;
            var root = dump.Roots[r];
            rows.Add(new RootRetentionRow(root.Name, root.Kind, tree.RetainedBytes(node), tree.RetainedObjects(node),
                dump.Roots.Targets(r).Length, root.GoroutineId, root.Address));
        }
        rows.Sort((a, b) => b.RetainedBytes.CompareTo(a.RetainedBytes) is var c && c != 0 ? c : string.CompareOrdinal(a.Root, b.Root));
        return new RootRetentionReport(rows, tree.RetainedBytes(graph.SuperRoot));
    }

    public static SiteRetentionReport Sites(HeapDump dump, HeapGraph graph, DominatorTree tree)
    {
        var sites = dump.Sites.Count;
        var objects = new long[sites];
        var bytes = new long[sites];
        var garbageObjects = new long[sites];
        var garbageBytes = new long[sites];
        long sampledObjects = 0, sampledBytes = 0;
        for (var i = 0; i < dump.Objects.Count; i++)
        {
            var s = dump.SiteOf(i);
            if (s < 0) continue;
            sampledObjects++;
            sampledBytes += dump.Objects.Size(i);
            if (tree.IsReachable(i))
            {
                objects[s]++;
                bytes[s] += dump.Objects.Size(i);
            }
            else
            {
                garbageObjects[s]++;
                garbageBytes[s] += dump.Objects.Size(i);
            }
        }
        var retained = SiteRetained(dump, graph, tree);
        var rows = new List<SiteRetentionRow>(sites);
        for (var s = 0; s < sites; s++)
        {
            if (objects[s] == 0 && garbageObjects[s] == 0) continue;
            rows.Add(new SiteRetentionRow(dump.Sites[s].Site, dump.Sites[s].Function, objects[s], bytes[s], retained[s], garbageObjects[s],
                garbageBytes[s]));
        }
        rows.Sort((a, b) => b.RetainedBytes.CompareTo(a.RetainedBytes) is var c && c != 0 ? c
            : b.Bytes.CompareTo(a.Bytes) is var d && d != 0 ? d : string.CompareOrdinal(a.Site, b.Site));
        return new SiteRetentionReport(rows, sampledObjects, sampledBytes, dump.Objects.Count, dump.Objects.TotalBytes);
    }

    /// <summary>
    /// Per site, the retained bytes of its topmost objects: a walk of the dominator tree (iterative) that counts an
    /// object only when no dominator above it has the same site.
    /// </summary>
    public static long[] SiteRetained(HeapDump dump, HeapGraph graph, DominatorTree tree)
    {
        var retained = new long[dump.Sites.Count];
        if (dump.Sites.Count == 0) return retained;
        var active = new int[dump.Sites.Count];
        var stack = new Stack<(int Node, bool Exit)>();
        stack.Push((graph.SuperRoot, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            var site = graph.IsObject(node) ? dump.SiteOf(node) : -1;
            if (exit)
            {
                if (site >= 0) active[site]--;
                continue;
            }
            if (site >= 0)
            {
                if (active[site] == 0) retained[site] += tree.RetainedBytes(node);
                active[site]++;
                stack.Push((node, true));
            }
            foreach (var child in tree.Children(node)) stack.Push((child, false));
        }
        return retained;
    }
}

using GoMemLab.HeapDumps;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Reachability by its definition, for checking the analyses without the dominator tree: a plain breadth-first walk
/// from the dump's roots over the references its reader resolved, leaving out what a test takes away (objects, or one
/// root). What an object or a root retains is then what the walk without it no longer reaches.
/// </summary>
internal static class ReachabilityWalk
{
    /// <summary>The objects the roots reach, with the <paramref name="removed"/> objects and root <paramref name="removedRoot"/>
    /// taken out.</summary>
    public static bool[] Reached(HeapDump dump, Func<int, bool>? removed = null, int removedRoot = -1)
    {
        var seen = new bool[dump.Objects.Count];
        var queue = new Queue<int>();
        void Visit(int target)
        {
            if (seen[target] || (removed is not null && removed(target))) return;
            seen[target] = true;
            queue.Enqueue(target);
        }
        for (var r = 0; r < dump.Roots.Count; r++)
            if (r != removedRoot)
                foreach (var t in dump.Roots.Targets(r)) Visit(t);
        while (queue.Count > 0)
            foreach (var w in dump.Objects.References(queue.Dequeue())) Visit(w);
        return seen;
    }

    /// <summary>The objects reachable now (<paramref name="all"/>) that the walk <paramref name="without"/> something no longer
    /// reaches.</summary>
    public static List<int> Freed(bool[] all, bool[] without) =>
        Enumerable.Range(0, all.Length).Where(i => all[i] && !without[i]).ToList();

    /// <summary>The bytes of <paramref name="objects"/>.</summary>
    public static long Bytes(HeapDump dump, IEnumerable<int> objects) => objects.Sum(i => dump.Objects.Size(i));

    /// <summary>The object at a row's node name ("0x…"), or -1 when the name is a root's.</summary>
    public static int ObjectNamed(HeapDump dump, string node) =>
        node.StartsWith("0x", StringComparison.Ordinal) ? dump.Objects.Find(Convert.ToUInt64(node[2..], 16)) : -1;

    /// <summary>The allocation site of object <paramref name="index"/> as the tables print it ("" when unsampled).</summary>
    public static string SiteOf(HeapDump dump, int index) => dump.SiteOf(index) is var s and >= 0 ? dump.Sites[s].Site : "";
}

using GoMemLab.HeapDumps.Model;

namespace GoMemLab.HeapDumps.Analyses;

/// <summary>
/// How a graph node reads in a table: a root by its name and kind, an object by its address ("object"). The analyses
/// ask about objects and roots only, never the super-root (every walk starts below it).
/// </summary>
internal sealed class NodeLabels(HeapDump dump, HeapGraph graph)
{
    public const string ObjectKind = "object";

    public string Name(int node) => graph.IsObject(node) ? $"0x{dump.Objects.Address(node):x}" : dump.Roots[node - graph.ObjectCount].Name;

    public string Kind(int node) => graph.IsObject(node) ? ObjectKind : dump.Roots[node - graph.ObjectCount].Kind.ToText();

    /// <summary>The object's allocation site (file:line), or "" for roots and unsampled objects.</summary>
    public string Site(int node)
    {
        if (!graph.IsObject(node)) return "";
        var site = dump.SiteOf(node);
        return site < 0 ? "" : dump.Sites[site].Site;
    }
}

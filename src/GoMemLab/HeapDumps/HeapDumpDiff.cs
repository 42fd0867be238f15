using GoMemLab.HeapDumps.Model;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps;

/// <summary>One root's retained bytes in two dumps (0 where it is absent), and the change.</summary>
public sealed record RootDiffRow(string Root, RootKind Kind, long RetainedBytesOld, long RetainedBytesNew)
{
    public long DeltaBytes => RetainedBytesNew - RetainedBytesOld;
}

/// <summary>One allocation site's retained bytes in two dumps (0 where it is absent), and the change.</summary>
public sealed record SiteDiffRow(string Site, string Function, long RetainedBytesOld, long RetainedBytesNew)
{
    public long DeltaBytes => RetainedBytesNew - RetainedBytesOld;
}

/// <summary>
/// Two dumps of one program compared per root and per allocation site (<c>gomemlab heapdump diff OLD NEW</c>): what
/// grew, biggest growth first. Roots match by name — a global by its symbol or segment offset, a goroutine by id and
/// entry function — so dumps of one process compare; dumps of two runs match globals only where their addresses did
/// not move.
/// </summary>
public sealed class HeapDumpDiff
{
    private HeapDumpDiff(IReadOnlyList<RootDiffRow> roots, IReadOnlyList<SiteDiffRow> sites)
    {
        Roots = roots;
        Sites = sites;
    }

    public IReadOnlyList<RootDiffRow> Roots { get; }
    public IReadOnlyList<SiteDiffRow> Sites { get; }

    /// <summary>What each column of <see cref="RootsToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> RootColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["root"] = "The root: a global's symbol (`main.sessions`, `main.cache+0x8`) when the program's binary names the roots, else "
            + "`data+0x…`/`bss+0x…`; `goroutine ID ENTRY`; `finalizer on 0xOBJECT (FUNCTION)`.",
        ["kind"] = "Root kind: global (a pointer word of the data or bss segment), goroutine (all frames of one goroutine), finalizer, "
            + "other.",
        ["retained_bytes_old"] = "Retained bytes in the earlier dump (before; 0 when absent there).",
        ["retained_bytes_new"] = "Retained bytes in the later dump (after; 0 when absent there).",
        ["delta_bytes"] = "retained_bytes_new − retained_bytes_old.",
    };

    /// <summary>What each column of <see cref="SitesToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> SiteColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["site"] = "Allocation site (file:line).",
        ["function"] = "The site's function.",
        ["retained_bytes_old"] = "Retained bytes in the earlier dump (before; 0 when absent there).",
        ["retained_bytes_new"] = "Retained bytes in the later dump (after; 0 when absent there).",
        ["delta_bytes"] = "retained_bytes_new − retained_bytes_old.",
    };

    public const string RootCsvHeader = "root,kind,retained_bytes_old,retained_bytes_new,delta_bytes";
    public const string SiteCsvHeader = "site,function,retained_bytes_old,retained_bytes_new,delta_bytes";

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>; both are analysed (dominator trees) if not yet.</summary>
    public static HeapDumpDiff Compare(HeapDump before, HeapDump after)
    {
        var roots = new Dictionary<string, (RootKind Kind, long Old, long New)>();
        foreach (var r in before.RootRetention().Rows) roots[r.Root] = (r.Kind, r.RetainedBytes, 0);
        foreach (var r in after.RootRetention().Rows)
            roots[r.Root] = roots.TryGetValue(r.Root, out var o) ? (r.Kind, o.Old, r.RetainedBytes) : (r.Kind, 0, r.RetainedBytes);
        var sites = new Dictionary<string, (string Function, long Old, long New)>();
        foreach (var s in before.SiteRetention().Rows) sites[s.Site] = (s.Function, s.RetainedBytes, 0);
        foreach (var s in after.SiteRetention().Rows)
            sites[s.Site] = sites.TryGetValue(s.Site, out var o) ? (s.Function, o.Old, s.RetainedBytes) : (s.Function, 0, s.RetainedBytes);
        return new HeapDumpDiff(
            roots.Select(kv => new RootDiffRow(kv.Key, kv.Value.Kind, kv.Value.Old, kv.Value.New))
                .OrderByDescending(r => r.DeltaBytes).ThenBy(r => r.Root, StringComparer.Ordinal).ToList(),
            sites.Select(kv => new SiteDiffRow(kv.Key, kv.Value.Function, kv.Value.Old, kv.Value.New))
                .OrderByDescending(r => r.DeltaBytes).ThenBy(r => r.Site, StringComparer.Ordinal).ToList());
    }

    /// <summary>Per root: root, kind, retained_bytes_old, retained_bytes_new, delta_bytes.</summary>
    public DataFrame RootsToDataFrame() => new(
        new StringDataFrameColumn("root", Roots.Select(r => r.Root)),
        new StringDataFrameColumn("kind", Roots.Select(r => r.Kind.ToText())),
        new Int64DataFrameColumn("retained_bytes_old", Roots.Select(r => r.RetainedBytesOld)),
        new Int64DataFrameColumn("retained_bytes_new", Roots.Select(r => r.RetainedBytesNew)),
        new Int64DataFrameColumn("delta_bytes", Roots.Select(r => r.DeltaBytes)));

    /// <summary>Per site: site, function, retained_bytes_old, retained_bytes_new, delta_bytes.</summary>
    public DataFrame SitesToDataFrame() => new(
        new StringDataFrameColumn("site", Sites.Select(r => r.Site)),
        new StringDataFrameColumn("function", Sites.Select(r => r.Function)),
        new Int64DataFrameColumn("retained_bytes_old", Sites.Select(r => r.RetainedBytesOld)),
        new Int64DataFrameColumn("retained_bytes_new", Sites.Select(r => r.RetainedBytesNew)),
        new Int64DataFrameColumn("delta_bytes", Sites.Select(r => r.DeltaBytes)));
}

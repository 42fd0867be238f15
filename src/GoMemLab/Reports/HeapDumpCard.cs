using GoMemLab.Charts;
using GoMemLab.HeapDumps;

namespace GoMemLab.Reports;

/// <summary>
/// The card <c>#!heapdump</c> shows: reachable vs garbage, roots, goroutines and how much has a site; the leak
/// suspects as the verdict; the top roots; a sunburst root → site of the dominator tree; the path from a root to the
/// biggest suspect's accumulation point (else to the biggest root's largest object).
/// </summary>
public static class HeapDumpCard
{
    public static SummaryCard Create(HeapDump dump, string title, int topRoots = 10)
    {
        var info = dump.Info();
        var card = new SummaryCard(title)
            .AddFact("objects", $"{info.Objects:N0} ({info.Bytes:N0} bytes)")
            .AddFact("reachable", $"{info.ReachableObjects:N0} objects, {info.ReachableBytes:N0} bytes")
            .AddFact("garbage (no GC before the dump)", $"{info.GarbageObjects:N0} objects, {info.GarbageBytes:N0} bytes")
            .AddFact("roots / goroutines", $"{info.Roots:N0} / {info.Goroutines:N0}")
            .AddFact("with an allocation site", $"{info.SampledObjects:N0} objects, {info.SampledBytes:N0} bytes")
            .AddFact("Go", $"{info.GoVersion} {info.Architecture}");
        var suspects = dump.LeakSuspects();
        card.Verdict = suspects.Rows.Count == 0
            ? "no single root retains over 10% of the reachable heap"
            : string.Join(" ", suspects.Rows.Take(3).Select(s => s.Description + "."));
        card.VerdictKind = suspects.Rows.Count == 0 ? "steady" : "growing";
        card.AddTable("roots by retained bytes", dump.RootRetention().ToDataFrame(), topRoots);
        card.AddChart(HeapDumpCharts.RetentionSunburst(dump.RootSiteBreakdown(topRoots), "who retains what: roots → allocation sites"));
        if (dump.PathToLargestSuspect() is { Rows.Count: > 0 } path)
            card.AddChart(HeapDumpCharts.PathToRoot(path, $"path from {path.Rows[0].Node} to {path.Target}"));
        return card;
    }
}

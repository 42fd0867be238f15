using System.Globalization;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Joins;

/// <summary>A site that looks like it leaks, with the evidence in words.</summary>
/// <param name="InuseSpaceFirst">In use in the first profile of the series (0 when the site was absent).</param>
public sealed record SiteLeakSuspect(WhyOnHeapRow Site, long InuseSpaceFirst, int Profiles, string Reason);

/// <summary>
/// Picks the leak suspects among the allocation SITES (file:line, joined with escape reasons) of the latest heap
/// profile of a series — the site-level, series-aware counterpart of <see cref="Profiles.Analyses.LeakSuspects"/>, which ranks the
/// functions of one profile. It applies the same <see cref="LeakSuspectRule"/>, with the site default
/// <see cref="SiteRule"/>, plus growth across the series:
/// <list type="number">
/// <item>the site holds at least <see cref="LeakSuspectRule.MinimumInuseShare"/> (1%) of the profile's inuse_space;</item>
/// <item>it still holds at least <see cref="LeakSuspectRule.MinimumRetention"/> (a quarter for sites) of what it ever allocated
/// (alloc_space) — not
/// more, because a leaking map or slice frees its old backing array each time it doubles, so even a pure leak keeps
/// only about half of what it allocated (leaky's map buckets: 43%);</item>
/// <item>with two or more profiles: its inuse_space in the latest profile exceeds that of the first.</item>
/// </list>
/// Caveats: a cache that is still warming up meets all three until it fills; a single profile cannot show growth;
/// heap profiles are sampled, so a small leak can be invisible (the join's <c>not-sampled</c> rows may still name it).
/// </summary>
public static class SiteLeakSuspects
{
    /// <summary>The site default: 1% of inuse_space and a retention of a quarter (see the class comment for why not a half).</summary>
    public static readonly LeakSuspectRule SiteRule = new() { MinimumInuseShare = 0.01, MinimumRetention = 0.25, IncludeRuntime = true };

    /// <summary>Suspects in the last profile of <paramref name="heapSeries"/> (time order), most in use first.</summary>
    public static IReadOnlyList<SiteLeakSuspect> Find(IReadOnlyList<Profile> heapSeries, IReadOnlyList<WhyOnHeapRow> latestRows,
        LeakSuspectRule? rule = null)
    {
        rule ??= SiteRule;
        if (heapSeries.Count == 0) throw new ArgumentException("no heap profile given");
        var latest = HeapAllocationSites.Find(heapSeries[^1]);
        var first = heapSeries.Count > 1 ? HeapAllocationSites.Find(heapSeries[0]) : null;
        // The rows show paths relative to the module (ModuleRelativePaths), the sites as the profile has them: the same file
        // when the profile's path is the row's or ends with it.
        var firstSites = first?.Sites.ToLookup(s => (s.Function,
            s.Line)) ?? Enumerable.Empty<HeapAllocationSite>().ToLookup(s => (s.Function, s.Line));
        var suspects = new List<SiteLeakSuspect>();
        foreach (var row in latestRows)
        {
            if (row.Site == WhyOnHeap.StandardLibraryOnlySite || row.Status == WhyOnHeapStatus.NotSampled) continue;
            if (row.InuseSpace < rule.MinimumInuseShare * latest.TotalInuseSpace || row.InuseSpace <= 0) continue;
            if ((row.RetentionRatio ?? 0) < rule.MinimumRetention) continue;
            var before = firstSites[(row.Function, row.Line)]
                .Where(s => s.File == row.File || s.File.EndsWith("/" + row.File, StringComparison.Ordinal)).Sum(s => s.InuseSpace);
            if (first is not null && row.InuseSpace <= before) continue;
            var share = (double)row.InuseSpace / latest.TotalInuseSpace;
            var growth = first is null ? "one profile: growth not shown"
                : $"in use grew {ByteSize.Format(before)} → {ByteSize.Format(row.InuseSpace)} over {heapSeries.Count} profiles";
            var why = row.Status switch
            {
                WhyOnHeapStatus.Explained => $"{row.EscapeKind} ({row.Cause}): {row.Flow}",
                WhyOnHeapStatus.Runtime => $"always on the heap: {row.Cause}" + (row.AssemblyCall.Length > 0
                    ? $" ({row.AssemblyCall})" : ""),
                _ => "not explained: " + row.Reason,
            };
            suspects.Add(new SiteLeakSuspect(row, before, heapSeries.Count, string.Create(CultureInfo.InvariantCulture,
                $"holds {share * 100:0.0}% of the heap in use and keeps {row.RetentionRatio * 100:0}% of the "
                    + $"{ByteSize.Format(row.AllocSpace)} it allocated; {growth}; why on the heap: {why}")));
        }
        return suspects;
    }

    /// <summary>
    /// Columns: site, function, inuse_space, inuse_space_first, alloc_space, retention_ratio, status, cause, reason, then pattern and
    /// remedy (<see cref="LeakRemedy"/>).
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<SiteLeakSuspect> suspects) => new(
        new StringDataFrameColumn("site", suspects.Select(s => s.Site.Site)),
        new StringDataFrameColumn("function", suspects.Select(s => s.Site.Function)),
        new Int64DataFrameColumn("inuse_space", suspects.Select(s => s.Site.InuseSpace)),
        new Int64DataFrameColumn("inuse_space_first", suspects.Select(s => s.InuseSpaceFirst)),
        new Int64DataFrameColumn("alloc_space", suspects.Select(s => s.Site.AllocSpace)),
        new DoubleDataFrameColumn("retention_ratio", suspects.Select(s => s.Site.RetentionRatio)),
        new StringDataFrameColumn("status", suspects.Select(s => s.Site.Status.ToText())),
        new StringDataFrameColumn("cause", suspects.Select(s => s.Site.Cause)),
        new StringDataFrameColumn("reason", suspects.Select(s => s.Reason)),
        new StringDataFrameColumn("pattern", suspects.Select(s => LeakRemedy.For(s).Pattern.ToText())),
        new StringDataFrameColumn("remedy", suspects.Select(s => LeakRemedy.For(s).Remedy)));
}

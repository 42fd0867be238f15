using System.Globalization;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using Microsoft.Data.Analysis;

namespace GoMemLab.Joins;

/// <summary>A leaking-looking allocation site of the join, with the evidence in words.</summary>
/// <param name="InuseSpaceFirst">In use at this site in the first profile of the series (0 when absent or when there is one profile).</param>
public sealed record SuspectSite(WhyOnHeapRow Site, long InuseSpaceFirst, int Profiles, string Reason);

/// <summary>
/// Takes <see cref="LeakSuspects"/> (functions that hold what they allocate, by <see cref="LeakSuspectRule"/>) down to
/// the lines of the "why on the heap" join: a site is a suspect when its function is a suspect of the latest profile
/// and the site itself holds at least the rule's share of the heap in use; with two or more profiles, it must also
/// hold more than in the first. Each suspect carries a reason that puts the numbers and the join's explanation together.
/// Caveat: <see cref="LeakSuspects"/> judges flat values per function, so a leak allocated inside a standard-library
/// function (a <c>bytes.Buffer</c> that grows forever) is suspected there, not at the user's line.
/// </summary>
public static class SuspectSites
{
    /// <summary>Suspect sites of the last profile of <paramref name="heapSeries"/> (time order), most in use first.</summary>
    public static IReadOnlyList<SuspectSite> Find(IReadOnlyList<Profile> heapSeries, IReadOnlyList<WhyOnHeapRow> latestRows, LeakSuspectRule? rule = null)
    {
        if (heapSeries.Count == 0) throw new ArgumentException("no heap profile given");
        rule ??= new LeakSuspectRule();
        var latest = heapSeries[^1];
        var suspectFunctions = LeakSuspects.Find(latest, rule).Columns["function"].Cast<string>().ToHashSet(StringComparer.Ordinal);
        var total = Top.ComputeTotal(latest, latest.SampleIndexByName(HeapSampleTypes.InuseSpace));
        var first = heapSeries.Count > 1 ? HeapAllocationSites.Find(heapSeries[0]).Sites.ToDictionary(s => (s.Function, s.Site), s => s.InuseSpace) : null;
        var suspects = new List<SuspectSite>();
        foreach (var row in latestRows)
        {
            if (!suspectFunctions.Contains(row.Function) || row.InuseSpace <= 0 || row.InuseSpace < rule.MinimumInuseShare * total) continue;
            var before = first?.GetValueOrDefault((row.Function, row.Site)) ?? 0;
            if (first is not null && row.InuseSpace <= before) continue;
            var growth = first is null ? "one profile: growth not shown"
                : $"in use grew {Bytes(before)} → {Bytes(row.InuseSpace)} over {heapSeries.Count} profiles";
            var why = row.Status switch
            {
                "explained" => $"{row.EscapeKind} ({row.Cause}): {row.Flow}",
                "runtime" => $"always on the heap: {row.Cause}" + (row.AssemblyCall.Length > 0 ? $" ({row.AssemblyCall})" : ""),
                _ => "not explained: " + row.Reason,
            };
            suspects.Add(new SuspectSite(row, before, heapSeries.Count, string.Create(CultureInfo.InvariantCulture,
                $"holds {100.0 * row.InuseSpace / total:0.0}% of the heap in use and keeps {row.RetentionRatio * 100:0}% of the {Bytes(row.AllocSpace)} it allocated; {growth}; why on the heap: {why}")));
        }
        return suspects;
    }

    /// <summary>Columns: site, function, inuse_space, inuse_space_first, alloc_space, retention_ratio, status, cause, reason.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<SuspectSite> suspects) => new(
        new StringDataFrameColumn("site", suspects.Select(s => s.Site.Site)),
        new StringDataFrameColumn("function", suspects.Select(s => s.Site.Function)),
        new Int64DataFrameColumn("inuse_space", suspects.Select(s => s.Site.InuseSpace)),
        new Int64DataFrameColumn("inuse_space_first", suspects.Select(s => s.InuseSpaceFirst)),
        new Int64DataFrameColumn("alloc_space", suspects.Select(s => s.Site.AllocSpace)),
        new DoubleDataFrameColumn("retention_ratio", suspects.Select(s => s.Site.RetentionRatio)),
        new StringDataFrameColumn("status", suspects.Select(s => s.Site.Status)),
        new StringDataFrameColumn("cause", suspects.Select(s => s.Site.Cause)),
        new StringDataFrameColumn("reason", suspects.Select(s => s.Reason)));

    /// <summary>Bytes the way pprof prints them (1024-based units, two decimals): <c>28.29MB</c>.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? bytes.ToString(CultureInfo.InvariantCulture) + "B" : value.ToString("0.##", CultureInfo.InvariantCulture) + units[unit];
    }
}

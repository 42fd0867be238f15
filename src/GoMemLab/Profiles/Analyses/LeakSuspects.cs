using System.Globalization;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// Leak suspects of one heap profile: functions that HOLD what they allocate. By flat values (the
/// allocation site itself, not its callers), a function is a suspect when
/// <list type="number">
/// <item>its inuse_space is at least <see cref="LeakSuspectRule.MinimumInuseShare"/> of the profile's total
/// inuse_space (it matters), and</item>
/// <item>its retention ratio, inuse_space / alloc_space, is at least <see cref="LeakSuspectRule.MinimumRetention"/>
/// (most of what it ever allocated is still live).</item>
/// </list>
/// Functions of package <c>runtime</c> are left out unless <see cref="LeakSuspectRule.IncludeRuntime"/>: the runtime
/// keeps some of its own allocations for reuse by design (<c>runtime.malg</c>'s goroutine descriptors are never
/// freed), so they always "hold what they allocate"; a goroutine leak shows in the goroutine profile and in the
/// user function that the stuck goroutines pin.
/// Short-lived garbage has a retention near 0 however much it allocates; a site that keeps everything has a
/// retention near 1. One snapshot cannot tell a leak from a cache that is still warming up or a buffer that is
/// meant to live long: confirm suspects with <see cref="HeapTrend"/> over three or more snapshots.
/// </summary>
public static class LeakSuspects
{
    /// <summary>
    /// The <see cref="AllocVsInuse"/> rows (flat) that pass <paramref name="rule"/> (default: 1% and 0.5), plus
    /// <c>inuse_share</c> (of the profile's inuse_space total as <see cref="Top"/> counts it), ordered by
    /// inuse_space descending. <paramref name="filters"/> as for <see cref="AllocVsInuse.Compute"/>.
    /// </summary>
    public static DataFrame Find(Profile profile, LeakSuspectRule? rule = null, TopOptions? filters = null)
    {
        rule ??= new LeakSuspectRule();
        var table = AllocVsInuse.Compute(profile, cumulative: false, filters);
        var total = Top.ComputeTotal(profile, profile.SampleIndexByName(HeapSampleTypes.InuseSpace));
        var inuse = (Int64DataFrameColumn)table.Columns["inuse_space"];
        var retention = (DoubleDataFrameColumn)table.Columns["retention_ratio"];
        var keep = new BooleanDataFrameColumn("keep", table.Rows.Count);
        var share = new DoubleDataFrameColumn("inuse_share", table.Rows.Count);
        for (long row = 0; row < table.Rows.Count; row++)
        {
            var held = inuse[row] ?? 0;
            share[row] = total == 0 ? 0 : (double)held / total;
            var function = (string)table.Columns["function"][row];
            keep[row] = total > 0 && held >= rule.MinimumInuseShare * total && retention[row] is { } r && r >= rule.MinimumRetention
                && (rule.IncludeRuntime || !function.StartsWith("runtime.", StringComparison.Ordinal));
        }
        table.Columns.Add(share);
        return table.Filter(keep);
    }
}

/// <summary>The thresholds of <see cref="LeakSuspects"/>; <see cref="ToString"/> states the rule in words.</summary>
public sealed record LeakSuspectRule
{
    /// <summary>Share of total inuse_space a function must hold (default 0.01 = 1%).</summary>
    public double MinimumInuseShare { get; init; } = 0.01;

    /// <summary>inuse_space / alloc_space a function must reach (default 0.5).</summary>
    public double MinimumRetention { get; init; } = 0.5;

    /// <summary>Also consider functions of package <c>runtime</c> (default false; see <see cref="LeakSuspects"/>).</summary>
    public bool IncludeRuntime { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"flat inuse_space ≥ {MinimumInuseShare * 100:0.##}% of the total and retention (inuse_space / alloc_space) ≥ {MinimumRetention:0.##}{(IncludeRuntime ? "" : ", outside package runtime")}");
}

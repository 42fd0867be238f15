using System.Globalization;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// Leak suspects of one heap profile: functions that HOLD what they allocate. By flat values (the
/// allocation site itself, not its callers), a function is a suspect when
/// <list type="number">
/// <item>its inuse_space is more than 0 and at least <see cref="LeakSuspectRule.MinimumInuseShare"/> of the profile's
/// total inuse_space (it matters), and</item>
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
    /// The <see cref="AllocVsInuse"/> rows (flat) that pass <paramref name="rule"/> (default: 1% and 0.5), with their
    /// share of the profile's inuse_space total as <see cref="Top"/> counts it, ordered by inuse_space descending.
    /// <paramref name="filter"/> as for <see cref="AllocVsInuse.Compute"/>; throws <see cref="ArgumentException"/> as it does.
    /// </summary>
    public static LeakSuspectsReport Find(Profile profile, LeakSuspectRule? rule = null, ProfileFilter? filter = null)
    {
        rule ??= new LeakSuspectRule();
        var table = AllocVsInuse.Compute(profile, cumulative: false, filter);
        var total = Top.ComputeTotal(profile, profile.SampleIndexByName(HeapSampleTypes.InuseSpace));
        var suspects = new List<LeakSuspect>();
        // A function holding nothing is no suspect whatever the thresholds; one that holds something makes total > 0.
        foreach (var row in table.Rows)
            if (row.InuseSpace > 0 && row.InuseSpace >= rule.MinimumInuseShare * total && row.RetentionRatio is { } r
                && r >= rule.MinimumRetention && (rule.IncludeRuntime || !row.Function.StartsWith("runtime.", StringComparison.Ordinal)))
                suspects.Add(new LeakSuspect(row.Function, row.AllocSpace, row.AllocObjects, row.InuseSpace, row.InuseObjects,
                    (double)row.InuseSpace / total));
        return new LeakSuspectsReport(suspects, rule, total);
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
        $"flat inuse_space ≥ {MinimumInuseShare * 100:0.##}% of the total and retention (inuse_space / alloc_space) ≥ "
            + $"{MinimumRetention:0.##}{(IncludeRuntime ? "" : ", outside package runtime")}");
}

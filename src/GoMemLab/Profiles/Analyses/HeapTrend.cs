namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// How each function's value (default: flat inuse_space) moves across three or more snapshots of the same
/// program, e.g. <c>leaky-heap-{1,2,3,4}.pb.gz</c> taken a few seconds apart. A leak grows steadily: a positive
/// least-squares slope over the snapshots' collection times with a good fit (R² near 1). Garbage and caches
/// that have warmed up stay flat or jitter (slope near 0, poor R²).
/// <para>
/// Per snapshot, values are exactly <see cref="Top"/>'s (flat, or cum when <c>cumulative</c>) with the given
/// sample index and <see cref="ProfileFilter"/>; a function missing from a snapshot counts as 0 there. Snapshots are
/// ordered by <see cref="Profile.TimeNanos"/>; every snapshot must carry a time (legacy debug=1 text does not:
/// pass <c>times</c> explicitly then) and no two may share one.
/// </para>
/// </summary>
public static class HeapTrend
{
    /// <summary>
    /// Ranks the functions by growth (see <see cref="HeapTrendReport"/>) and keeps the values behind the ranking.
    /// <paramref name="sampleIndex"/> defaults to inuse_space when the profiles have it, else to pprof's default;
    /// <paramref name="times"/> replaces the profiles' own collection times (legacy debug=1 text has none). Throws
    /// <see cref="ArgumentException"/> for fewer than 3 snapshots, a snapshot without a time, two snapshots at the
    /// same time, an unknown sample index or an invalid filter regex.
    /// </summary>
    public static HeapTrendReport Compute(IReadOnlyList<Profile> snapshots, string? sampleIndex = null, ProfileFilter? filter = null,
        bool cumulative = false, IReadOnlyList<DateTimeOffset>? times = null)
    {
        if (snapshots.Count < 3)
            throw new ArgumentException($"a trend needs at least 3 snapshots, got {snapshots.Count}");
        if (times is not null && times.Count != snapshots.Count)
            throw new ArgumentException($"{times.Count} times given for {snapshots.Count} snapshots");
        var stamped = snapshots.Select((p, i) => (Profile: p, Time: times?[i] ?? p.Time
            ?? throw new ArgumentException($"{p.Source} has no collection time; pass the snapshot "
                + "times explicitly"))).OrderBy(s => s.Time).ToArray();
        for (var i = 1; i < stamped.Length; i++)
            if (stamped[i].Time == stamped[i - 1].Time)
                throw new ArgumentException($"{stamped[i - 1].Profile.Source} and {stamped[i].Profile.Source} have the same collection "
                    + $"time {stamped[i].Time:O}");

        var index = string.IsNullOrEmpty(sampleIndex) ? HeapOrDefault(stamped[0].Profile) : sampleIndex;
        var sampleType = stamped[0].Profile.SampleTypes[stamped[0].Profile.SampleIndexByName(index)];
        var values = new Dictionary<string, (long[] Values, int Present)>();
        for (var i = 0; i < stamped.Length; i++)
        {
            foreach (var (name, (flat, cum)) in HeapSampleTypes.PerFunction(stamped[i].Profile, index, filter))
            {
                if (!values.TryGetValue(name, out var entry)) values[name] = entry = (new long[stamped.Length], 0);
                entry.Values[i] = cumulative ? cum : flat;
                values[name] = (entry.Values, entry.Present + 1);
            }
        }
        var start = stamped[0].Time;
        var minutes = stamped.Select(s => (s.Time - start).TotalMinutes).ToArray();

        var rows = new List<HeapTrendRow>(values.Count);
        foreach (var (name, (series, present)) in values)
        {
            var (slope, rSquared) = LeastSquares(minutes, series);
            rows.Add(new HeapTrendRow(name, series[0], series[^1], slope, rSquared, present));
        }
        rows = rows.OrderByDescending(r => r.SlopePerMinute).ThenByDescending(r => r.Change).ThenBy(r => r.Function,
            StringComparer.Ordinal).ToList();

        var points = new List<HeapTrendPoint>(values.Count * stamped.Length);
        foreach (var (name, (series, _)) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            for (var i = 0; i < series.Length; i++)
                points.Add(new HeapTrendPoint(name, i, stamped[i].Profile.Source, stamped[i].Time, minutes[i], series[i]));
        return new HeapTrendReport(rows, points, sampleType);
    }

    // inuse_space when the profile has it (the question a trend answers is "what keeps growing"), else pprof's default.
    private static string HeapOrDefault(Profile profile)
    {
        try
        {
            profile.SampleIndexByName(HeapSampleTypes.InuseSpace);
            return HeapSampleTypes.InuseSpace;
        }
        catch (ArgumentException)
        {
            return "";
        }
    }

    /// <summary>
    /// Ordinary least squares of y on x: the slope and R² (null when y is constant: nothing to explain). When x is
    /// constant no line fits: slope 0 and R² null.
    /// </summary>
    public static (double Slope, double? RSquared) LeastSquares(double[] x, long[] y)
    {
        var n = x.Length;
        double meanX = x.Average(), meanY = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) return (0, null);
        var slope = sxy / sxx;
        if (syy == 0) return (slope, null);
        return (slope, sxy * sxy / (sxx * syy));
    }
}

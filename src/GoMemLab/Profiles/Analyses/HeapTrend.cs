using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// How each function's value (default: flat inuse_space) moves across three or more snapshots of the same
/// program, e.g. <c>leaky-heap-{1,2,3,4}.pb.gz</c> taken a few seconds apart. A leak grows steadily: a positive
/// least-squares slope over the snapshots' collection times with a good fit (R² near 1). Garbage and caches
/// that have warmed up stay flat or jitter (slope near 0, poor R²).
/// <para>
/// Per snapshot, values are exactly <see cref="Top"/>'s (flat, or cum when <c>cumulative</c>) with the options'
/// sample index and focus/ignore/hide; a function missing from a snapshot counts as 0 there. Snapshots are
/// ordered by <see cref="Profile.TimeNanos"/>; every snapshot must carry a time (legacy debug=1 text does not:
/// pass <c>times</c> explicitly then) and no two may share one.
/// </para>
/// </summary>
public static class HeapTrend
{
    /// <summary>
    /// One row per function, ranked by <c>slope_per_minute</c> descending (then change, then name): <c>function</c>,
    /// <c>first</c> and <c>last</c> (values in the earliest and latest snapshot), <c>change</c> (last − first),
    /// <c>slope_per_minute</c> (least-squares slope of value over minutes, in the sample type's unit per minute),
    /// <c>r_squared</c> (coefficient of determination of that line; null when the value never changes),
    /// <c>snapshots_present</c> (how many snapshots list the function).
    /// </summary>
    public static DataFrame Compute(IReadOnlyList<Profile> snapshots, TopOptions? options = null, bool cumulative = false,
        IReadOnlyList<DateTimeOffset>? times = null)
    {
        var series = Collect(snapshots, options, cumulative, times);
        var minutes = series.Minutes;
        var rows = new List<(string Name, long First, long Last, double Slope, double? RSquared, int Present)>(series.Values.Count);
        foreach (var (name, (values, present)) in series.Values)
        {
            var (slope, rSquared) = LeastSquares(minutes, values);
            rows.Add((name, values[0], values[^1], slope, rSquared, present));
        }
        rows = rows.OrderByDescending(r => r.Slope).ThenByDescending(r => r.Last - r.First).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new DataFrame(
            new StringDataFrameColumn("function", rows.Select(r => r.Name)),
            new Int64DataFrameColumn("first", rows.Select(r => r.First)),
            new Int64DataFrameColumn("last", rows.Select(r => r.Last)),
            new Int64DataFrameColumn("change", rows.Select(r => r.Last - r.First)),
            new DoubleDataFrameColumn("slope_per_minute", rows.Select(r => r.Slope)),
            new DoubleDataFrameColumn("r_squared", rows.Select(r => r.RSquared)),
            new Int32DataFrameColumn("snapshots_present", rows.Select(r => r.Present)));
    }

    /// <summary>
    /// The series behind <see cref="Compute"/> as a long table, one row per function and snapshot (time order):
    /// <c>function</c>, <c>snapshot</c> (0-based, time order), <c>source</c>, <c>time</c> (UTC), <c>minutes</c>
    /// (since the first snapshot), <c>value</c>. For charts and ad-hoc queries.
    /// </summary>
    public static DataFrame Series(IReadOnlyList<Profile> snapshots, TopOptions? options = null, bool cumulative = false,
        IReadOnlyList<DateTimeOffset>? times = null)
    {
        var series = Collect(snapshots, options, cumulative, times);
        var function = new StringDataFrameColumn("function");
        var snapshot = new Int32DataFrameColumn("snapshot");
        var source = new StringDataFrameColumn("source");
        var time = new PrimitiveDataFrameColumn<DateTime>("time");
        var minutes = new DoubleDataFrameColumn("minutes");
        var value = new Int64DataFrameColumn("value");
        foreach (var (name, (values, _)) in series.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            for (var i = 0; i < values.Length; i++)
            {
                function.Append(name);
                snapshot.Append(i);
                source.Append(series.Sources[i]);
                time.Append(series.Times[i].UtcDateTime);
                minutes.Append(series.Minutes[i]);
                value.Append(values[i]);
            }
        return new DataFrame(function, snapshot, source, time, minutes, value);
    }

    private sealed record Collected(string[] Sources, DateTimeOffset[] Times, double[] Minutes, Dictionary<string, (long[] Values, int Present)> Values);

    private static Collected Collect(IReadOnlyList<Profile> snapshots, TopOptions? options, bool cumulative, IReadOnlyList<DateTimeOffset>? times)
    {
        if (snapshots.Count < 3)
            throw new ArgumentException($"a trend needs at least 3 snapshots, got {snapshots.Count}");
        if (times is not null && times.Count != snapshots.Count)
            throw new ArgumentException($"{times.Count} times given for {snapshots.Count} snapshots");
        var stamped = snapshots.Select((p, i) => (Profile: p, Time: times?[i] ?? p.Time
            ?? throw new ArgumentException($"{p.Source} has no collection time; pass the snapshot times explicitly"))).OrderBy(s => s.Time).ToArray();
        for (var i = 1; i < stamped.Length; i++)
            if (stamped[i].Time == stamped[i - 1].Time)
                throw new ArgumentException($"{stamped[i - 1].Profile.Source} and {stamped[i].Profile.Source} have the same collection time {stamped[i].Time:O}");

        var sampleIndex = options?.SampleIndex ?? HeapOrDefault(stamped[0].Profile);
        var values = new Dictionary<string, (long[] Values, int Present)>();
        for (var i = 0; i < stamped.Length; i++)
        {
            foreach (var (name, (flat, cum)) in HeapSampleTypes.PerFunction(stamped[i].Profile, sampleIndex, options))
            {
                if (!values.TryGetValue(name, out var entry)) values[name] = entry = (new long[stamped.Length], 0);
                entry.Values[i] = cumulative ? cum : flat;
                values[name] = (entry.Values, entry.Present + 1);
            }
        }
        var start = stamped[0].Time;
        return new Collected(stamped.Select(s => s.Profile.Source).ToArray(), stamped.Select(s => s.Time).ToArray(),
            stamped.Select(s => (s.Time - start).TotalMinutes).ToArray(), values);
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

    /// <summary>Ordinary least squares of y on x: the slope and R² (null when y is constant: nothing to explain).</summary>
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
        var slope = sxx == 0 ? 0 : sxy / sxx;
        if (syy == 0) return (slope, null);
        return (slope, sxy * sxy / (sxx * syy));
    }
}

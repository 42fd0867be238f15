namespace GoMemLab.Telemetry;

/// <summary>
/// Nearest-rank percentiles: the smallest observed value with at least p% of values at or below it (never interpolated,
/// so always a value that occurred).
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="percent"/>-th nearest-rank percentile of <paramref name="sortedAscending"/>; NaN when empty.</summary>
    public static double NearestRank(IReadOnlyList<double> sortedAscending, double percent)
    {
        if (sortedAscending.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100.0 * sortedAscending.Count);
        return sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1];
    }

    /// <summary>The same percentile of unsorted <paramref name="values"/>, reordering them (linear-time selection).</summary>
    public static double NearestRankInPlace(double[] values, double percent)
    {
        if (values.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100.0 * values.Length);
        return TheilSenFit.Select(values, Math.Clamp(rank, 1, values.Length) - 1);
    }
}

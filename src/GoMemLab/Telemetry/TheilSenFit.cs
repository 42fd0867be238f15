namespace GoMemLab.Telemetry;

/// <summary>
/// A robust straight-line fit y = Intercept + Slope·x: the slope is the Theil–Sen estimator (the median
/// of the slopes of all point pairs with distinct x), so a few outliers (a burst, a forced GC) do not
/// tilt it; the intercept is the median of y − Slope·x. <see cref="RSquared"/> is 1 − SSres/SStot of
/// that line over all points (it can be negative when the line fits worse than the mean, and is NaN
/// when y is constant). Caveat: pairs grow quadratically, so series longer than
/// <see cref="MaxExactPoints"/> are first reduced to that many consecutive-group medians.
/// </summary>
public sealed record TheilSenFit(double Slope, double Intercept, double RSquared, int Points)
{
    /// <summary>Up to this many points the estimator is exact (about 1.1 million pairs).</summary>
    public const int MaxExactPoints = 1500;

    /// <summary>
    /// Fits <paramref name="y"/> against <paramref name="x"/> (same length, x in non-decreasing order
    /// for the reduction to be meaningful). Fewer than two distinct x values give a NaN slope.
    /// </summary>
    public static TheilSenFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("x and y must have the same length");
        int n = x.Count;
        if (n == 0) return new TheilSenFit(double.NaN, double.NaN, double.NaN, 0);
        var (fx, fy) = n > MaxExactPoints ? Reduce(x, y, MaxExactPoints) : (x.ToArray(), y.ToArray());

        var slopes = new double[fx.Length * (fx.Length - 1) / 2];
        int count = 0;
        for (int i = 0; i < fx.Length; i++)
            for (int j = i + 1; j < fx.Length; j++)
                if (fx[j] != fx[i]) slopes[count++] = (fy[j] - fy[i]) / (fx[j] - fx[i]);
        if (count == 0) return new TheilSenFit(double.NaN, Median(fy), double.NaN, n);
        var slope = MedianInPlace(slopes[..count]);

        var offsets = new double[n];
        for (int i = 0; i < n; i++) offsets[i] = y[i] - slope * x[i];
        var intercept = MedianInPlace(offsets);

        double mean = 0;
        for (int i = 0; i < n; i++) mean += y[i];
        mean /= n;
        double residual = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            var r = y[i] - (intercept + slope * x[i]);
            residual += r * r;
            total += (y[i] - mean) * (y[i] - mean);
        }
        var rSquared = total == 0 ? double.NaN : 1 - residual / total;
        return new TheilSenFit(slope, intercept, rSquared, n);
    }

    /// <summary>The median (mean of the middle two for even counts); NaN for an empty list. Does not modify its input.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        return MedianInPlace(values.ToArray());
    }

    /// <summary>The median of <paramref name="values"/>, reordering them (linear-time selection instead of a sort).</summary>
    public static double MedianInPlace(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        int mid = values.Length / 2;
        var upper = Select(values, mid);
        if (values.Length % 2 == 1) return upper;
        // After selecting mid, everything left of it is <= it: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        for (int i = 0; i < mid; i++) if (values[i] > lower) lower = values[i];
        return (lower + upper) / 2;
    }

    /// <summary>Hoare's selection: reorders <paramref name="a"/> so that a[k] is the k-th smallest, smaller ones before it.</summary>
    public static double Select(double[] a, int k)
    {
        int left = 0, right = a.Length - 1;
        while (left < right)
        {
            // Median of three keeps sorted and reverse-sorted input (a growing heap) linear.
            int middle = left + (right - left) / 2;
            if (a[middle] < a[left]) (a[middle], a[left]) = (a[left], a[middle]);
            if (a[right] < a[left]) (a[right], a[left]) = (a[left], a[right]);
            if (a[right] < a[middle]) (a[right], a[middle]) = (a[middle], a[right]);
            var pivot = a[middle];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (pivot < a[j]) j--;
                if (i <= j) { (a[i], a[j]) = (a[j], a[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return a[k];
    }

    // Consecutive groups of (almost) equal size, each replaced by its median x and median y: keeps the
    // estimator robust and deterministic while bounding the pair count.
    private static (double[] X, double[] Y) Reduce(IReadOnlyList<double> x, IReadOnlyList<double> y, int groups)
    {
        int n = x.Count;
        var rx = new double[groups];
        var ry = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            int from = (int)((long)g * n / groups), to = (int)((long)(g + 1) * n / groups);
            var gx = new double[to - from];
            var gy = new double[to - from];
            for (int i = from; i < to; i++) { gx[i - from] = x[i]; gy[i - from] = y[i]; }
            rx[g] = MedianInPlace(gx);
            ry[g] = MedianInPlace(gy);
        }
        return (rx, ry);
    }
}

namespace GoMemLab.Profiles;

/// <summary>
/// Progress of a profile load, reported through an optional <see cref="IProgress{T}"/> about every
/// 5% of the input: <see cref="BytesRead"/> of <see cref="TotalBytes"/> of the input as stored (compressed
/// bytes when it is gzipped, decoded as they are inflated; <see cref="TotalBytes"/> is 0 while the size is
/// unknown) and the samples decoded so far.
/// </summary>
public readonly record struct LoadProgress(string Stage, long BytesRead, long TotalBytes, long Samples)
{
    /// <summary>Fraction done in [0, 1], or null while the total is unknown.</summary>
    public double? Fraction => TotalBytes > 0 ? Math.Min(1.0, (double)BytesRead / TotalBytes) : null;
}

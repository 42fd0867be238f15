namespace GoMemLab.Goroutines.Analyses;

/// <summary>
/// How long the goroutines of a group had been blocked, by the whole minutes Go prints in their headers
/// (<c>[chan send, 12 minutes]</c>; nothing under a minute, and nothing for goroutines that are not blocked).
/// </summary>
/// <param name="UnderOneMinute">No wait figure: blocked under a minute, or running/runnable.</param>
/// <param name="OneToNineMinutes">1–9 minutes.</param>
/// <param name="TenToFiftyNineMinutes">10–59 minutes.</param>
/// <param name="HourOrMore">60 minutes or more: blocked this long, most goroutines are leaks.</param>
public readonly record struct WaitBuckets(long UnderOneMinute, long OneToNineMinutes, long TenToFiftyNineMinutes, long HourOrMore)
{
    /// <summary>The buckets with one more goroutine that had waited <paramref name="minutes"/>.</summary>
    public WaitBuckets Add(int minutes) => minutes switch
    {
        < 1 => this with { UnderOneMinute = UnderOneMinute + 1 },
        < 10 => this with { OneToNineMinutes = OneToNineMinutes + 1 },
        < 60 => this with { TenToFiftyNineMinutes = TenToFiftyNineMinutes + 1 },
        _ => this with { HourOrMore = HourOrMore + 1 },
    };
}

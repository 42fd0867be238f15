using GoMemLab.Telemetry;

namespace GoMemLab.Goroutines.Analyses;

/// <summary>
/// How one group's goroutine count moved over the snapshots (one row of <see cref="GoroutineGrowth"/>).
/// </summary>
/// <param name="Key">The group, as in <see cref="GoroutineGroups"/>.</param>
/// <param name="Counts">Its count in each snapshot, in time order (0 where it is absent).</param>
/// <param name="SlopePerMinute">Goroutines per minute: the Theil–Sen slope <see cref="LeakSignal"/> judges (NaN with too few
/// points).</param>
/// <param name="Signal">The verdict and its evidence, by the project's one leak rule (<see cref="LeakSignal.Assess"/>).</param>
public sealed record GoroutineGrowthRow(string Key, IReadOnlyList<long> Counts, double SlopePerMinute, LeakSignal Signal)
{
    public long First => Counts[0];

    public long Last => Counts[^1];

    public long Delta => Last - First;

    public LeakVerdict Verdict => Signal.Verdict;
}

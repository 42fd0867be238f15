namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// A Go heap profile's two views side by side, one row per function: what it allocated since the program
/// started (<c>alloc_space</c>, <c>alloc_objects</c>) and what of that is still live as of the last completed
/// GC (<c>inuse_space</c>, <c>inuse_objects</c>). Both are sampled by <c>runtime.MemProfileRate</c> (one sample
/// per ~512 KiB allocated by default) and scaled back up by the runtime, so small sites can read 0.
/// <para>
/// Every value is the <see cref="Top"/> value of that function for that sample index (flat, or cum when
/// <c>cumulative</c>), with the same focus/ignore/hide filters: the alloc_space column equals
/// <c>go tool pprof -top -sample_index=alloc_space</c>'s flat (or cum) column, and so on.
/// </para>
/// </summary>
public static class AllocVsInuse
{
    /// <summary>
    /// Computes the rows (see <see cref="AllocVsInuseReport"/> for their order). Throws
    /// <see cref="ArgumentException"/> when the profile is not a heap profile or a filter regex is invalid.
    /// </summary>
    public static AllocVsInuseReport Compute(Profile profile, bool cumulative = false, ProfileFilter? filter = null)
    {
        HeapSampleTypes.Require(profile);
        string[] types = [HeapSampleTypes.AllocSpace, HeapSampleTypes.AllocObjects, HeapSampleTypes.InuseSpace,
            HeapSampleTypes.InuseObjects];
        var perType = types.Select(t => HeapSampleTypes.PerFunction(profile, t, filter)).ToArray();
        var names = perType.SelectMany(d => d.Keys).Distinct().ToList();

        long Value(int type, string name) =>
            perType[type].TryGetValue(name, out var v) ? (cumulative ? v.Cum : v.Flat) : 0;

        var rows = names.Select(n => new AllocVsInuseRow(n, Value(0, n), Value(1, n), Value(2, n), Value(3, n)))
            .OrderByDescending(r => r.InuseSpace).ThenByDescending(r => r.AllocSpace)
            .ThenBy(r => r.Function, StringComparer.Ordinal).ToList();
        return new AllocVsInuseReport(rows, cumulative);
    }
}

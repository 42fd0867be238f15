using Microsoft.Data.Analysis;

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
/// <para>
/// Columns: <c>function</c>, <c>alloc_space</c>, <c>alloc_objects</c>, <c>inuse_space</c>, <c>inuse_objects</c>
/// (raw bytes and counts), <c>retention_ratio</c> = inuse_space / alloc_space (the share of what was ever
/// allocated that is still held; null when alloc_space is 0), <c>avg_object_size</c> = alloc_space /
/// alloc_objects in bytes (null when alloc_objects is 0). Rows are ordered by inuse_space, then alloc_space
/// (both descending), then name. Functions that appear in any of the four reports appear, with 0 elsewhere.
/// </para>
/// </summary>
public static class AllocVsInuse
{
    /// <summary>The column order, a CSV contract of <c>gomemlab pprof compare</c>.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["function", "alloc_space", "alloc_objects", "inuse_space", "inuse_objects", "retention_ratio", "avg_object_size"];

    /// <summary>
    /// Computes the table. <paramref name="filters"/> supplies focus/ignore/hide (its sample index, granularity
    /// and node count are ignored). Throws <see cref="ArgumentException"/> when the profile is not a heap
    /// profile or a regex is invalid.
    /// </summary>
    public static DataFrame Compute(Profile profile, bool cumulative = false, TopOptions? filters = null)
    {
        HeapSampleTypes.Require(profile);
        string[] types = [HeapSampleTypes.AllocSpace, HeapSampleTypes.AllocObjects, HeapSampleTypes.InuseSpace, HeapSampleTypes.InuseObjects];
        var perType = types.Select(t => HeapSampleTypes.PerFunction(profile, t, filters)).ToArray();
        var names = perType.SelectMany(d => d.Keys).Distinct().ToList();

        long Value(int type, string name) =>
            perType[type].TryGetValue(name, out var v) ? (cumulative ? v.Cum : v.Flat) : 0;

        var rows = names.Select(n => (Name: n, AllocSpace: Value(0, n), AllocObjects: Value(1, n), InuseSpace: Value(2, n), InuseObjects: Value(3, n)))
            .OrderByDescending(r => r.InuseSpace).ThenByDescending(r => r.AllocSpace)
            .ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        return new DataFrame(
            new StringDataFrameColumn("function", rows.Select(r => r.Name)),
            new Int64DataFrameColumn("alloc_space", rows.Select(r => r.AllocSpace)),
            new Int64DataFrameColumn("alloc_objects", rows.Select(r => r.AllocObjects)),
            new Int64DataFrameColumn("inuse_space", rows.Select(r => r.InuseSpace)),
            new Int64DataFrameColumn("inuse_objects", rows.Select(r => r.InuseObjects)),
            new DoubleDataFrameColumn("retention_ratio", rows.Select(r => r.AllocSpace == 0 ? (double?)null : (double)r.InuseSpace / r.AllocSpace)),
            new DoubleDataFrameColumn("avg_object_size", rows.Select(r => r.AllocObjects == 0 ? (double?)null : (double)r.AllocSpace / r.AllocObjects)));
    }
}

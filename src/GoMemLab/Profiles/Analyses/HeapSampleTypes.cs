namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// The four sample types of a Go heap profile (runtime/pprof writes them in this order) and the check that a
/// profile has them. Legacy profiles that name their in-use types <c>objects</c>/<c>space</c> pass too, because
/// <see cref="Profile.SampleIndexByName"/> maps <c>inuse_X</c> to <c>X</c>.
/// </summary>
public static class HeapSampleTypes
{
    public const string AllocObjects = "alloc_objects";
    public const string AllocSpace = "alloc_space";
    public const string InuseObjects = "inuse_objects";
    public const string InuseSpace = "inuse_space";

    /// <summary>Throws <see cref="ArgumentException"/> naming the profile when it is not a heap profile.</summary>
    public static void Require(Profile profile)
    {
        foreach (var name in (ReadOnlySpan<string>)[AllocObjects, AllocSpace, InuseObjects, InuseSpace])
        {
            try
            {
                profile.SampleIndexByName(name);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException(
                    $"{profile.Source} is not a heap profile: it has no {name} values (sample types: "
                        + $"{string.Join(", ", profile.SampleTypes)})");
            }
        }
    }

    /// <summary>
    /// Flat and cum per function for one sample type: exactly the rows of <see cref="Top"/> at function
    /// granularity with the given filter (focus/ignore/hide), keyed by the name pprof prints.
    /// </summary>
    internal static Dictionary<string, (long Flat, long Cum)> PerFunction(Profile profile, string sampleIndex, ProfileFilter? filter)
    {
        var report = Top.Compute(profile, new TopOptions { SampleIndex = sampleIndex, Filter = filter ?? ProfileFilter.None });
        var values = new Dictionary<string, (long, long)>(report.Rows.Count);
        foreach (var row in report.Rows) values[row.Name] = (row.Flat, row.Cum);
        return values;
    }
}

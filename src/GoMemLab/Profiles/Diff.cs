namespace GoMemLab.Profiles;

/// <summary>
/// <c>go tool pprof -diff_base</c>: the base profile's samples are labelled <c>pprof::base=true</c>, negated
/// and merged after the current profile's (see <see cref="ProfileMerge"/> for the compatibility rules). Reports
/// over the result show current minus base per node, and pprof (and <see cref="Analyses.Top"/>) take
/// percentages of the BASE total, recognised by the label.
/// </summary>
public static class Diff
{
    /// <summary>The label pprof puts on diff-base samples.</summary>
    public const string BaseLabel = "pprof::base";

    public static Profile Against(Profile current, Profile baseline) =>
        ProfileMerge.Combine([current, baseline], [1, -1], [null, new ProfileLabel(BaseLabel, "true", 0, "")],
            $"{current.Source} minus {baseline.Source}");
}

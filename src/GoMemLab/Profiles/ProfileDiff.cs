namespace GoMemLab.Profiles;

/// <summary>
/// <c>go tool pprof -diff_base=BEFORE AFTER</c>: the before profile's samples are labelled <c>pprof::base=true</c>,
/// negated and merged after the after profile's (see <see cref="ProfileMerge"/> for the compatibility rules). Reports
/// over the result show after minus before per node, and pprof (and <see cref="Analyses.Top"/>) take percentages
/// of the BEFORE total, recognised by the label. Arguments are <c>(before, after)</c>, as every comparison in
/// GoMemLab takes them.
/// </summary>
public static class ProfileDiff
{
    /// <summary>The label pprof puts on diff-base samples.</summary>
    public const string BaseLabel = "pprof::base";

    /// <summary>
    /// <paramref name="after"/> minus <paramref name="before"/> as one profile (named "AFTER minus BEFORE"). Throws
    /// <see cref="ArgumentException"/> when the two cannot be merged (different sample types).
    /// </summary>
    public static Profile Compare(Profile before, Profile after) =>
        ProfileMerge.Combine([after, before], [1, -1], [null, new ProfileLabel(BaseLabel, "true", 0, "")],
            $"{after.Source} minus {before.Source}");

    /// <summary>True when the profile is a diff: some sample carries <see cref="BaseLabel"/>.</summary>
    public static bool IsDiff(Profile profile)
    {
        var samples = profile.Samples;
        if (samples.LabelStart is null) return false;
        for (var s = 0; s < samples.Count; s++)
            if (samples.StringLabel(s, BaseLabel) == "true") return true;
        return false;
    }
}

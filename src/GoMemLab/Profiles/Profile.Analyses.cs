using GoMemLab.Profiles.Analyses;

namespace GoMemLab.Profiles;

/// <summary>
/// The analyses of one profile as instance methods. Each is one call into <c>Profiles.Analyses</c>, whose type
/// documents the result; <see cref="LoadedProfile"/> offers the same with the defaults a notebook loaded it with.
/// </summary>
public sealed partial class Profile
{
    /// <summary><c>go tool pprof -top</c> (see <see cref="Analyses.Top"/>); null options = pprof's defaults with every node.</summary>
    public TopReport Top(TopOptions? options = null) => Analyses.Top.Compute(this, options);

    /// <summary>pprof's report total for a sample type (Σ|value|; of the base samples for a diff), e.g.
    /// <c>Total("alloc_space")</c>.</summary>
    public long Total(string? sampleIndex = null) => Analyses.Top.ComputeTotal(this, SampleIndexByName(sampleIndex));

    /// <summary>Alloc and inuse side by side per function (heap profiles; see <see cref="Analyses.AllocVsInuse"/>).</summary>
    public AllocVsInuseReport AllocVsInuse(bool cumulative = false, ProfileFilter? filter = null) =>
        Analyses.AllocVsInuse.Compute(this, cumulative, filter);

    /// <summary>Functions that hold what they allocate (heap profiles; see <see cref="Analyses.LeakSuspects"/>).</summary>
    public LeakSuspectsReport LeakSuspects(LeakSuspectRule? rule = null, ProfileFilter? filter = null) =>
        Analyses.LeakSuspects.Find(this, rule, filter);

    /// <summary>The call tree as flame-graph boxes (see <see cref="Analyses.FlameGraph"/>).</summary>
    public FlameGraphReport FlameGraph(string? sampleIndex = null, ProfileFilter? filter = null, double minimumShare = 0.001) =>
        Analyses.FlameGraph.Compute(this, sampleIndex, filter, minimumShare);

    /// <summary>This profile minus <paramref name="before"/>: <see cref="ProfileDiff.Compare"/>(before, this).</summary>
    public Profile DiffSince(Profile before) => ProfileDiff.Compare(before, this);
}

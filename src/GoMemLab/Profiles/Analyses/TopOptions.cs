namespace GoMemLab.Profiles.Analyses;

/// <summary>What a node of a report stands for, like pprof's <c>-functions</c>, <c>-lines</c>, <c>-files</c>, <c>-addresses</c>.</summary>
public enum Granularity
{
    Functions,
    Lines,
    Files,
    Addresses,
}

/// <summary>
/// Options of <see cref="Top"/>, named and defaulted like <c>go tool pprof</c>'s flags, except
/// <see cref="NodeFraction"/> which defaults to 0 (pprof: 0.005) so every node is listed, i.e. the output of
/// <c>go tool pprof -top -nodefraction=0</c>.
/// </summary>
public sealed record TopOptions
{
    /// <summary>Sample type name or index (<c>-sample_index</c>); null = the profile's default (for heap: inuse_space).</summary>
    public string? SampleIndex { get; init; }

    public Granularity Granularity { get; init; } = Granularity.Functions;

    /// <summary>Focus, ignore and hide (<c>-focus</c>, <c>-ignore</c>, <c>-hide</c>); default none.</summary>
    public ProfileFilter Filter { get; init; } = ProfileFilter.None;

    /// <summary>Show at most this many nodes (<c>-nodecount</c>); 0 = all.</summary>
    public int NodeCount { get; init; }

    /// <summary>Drop nodes whose |cum| is below this fraction of the total (<c>-nodefraction</c>).</summary>
    public double NodeFraction { get; init; }

    /// <summary>
    /// Ignore call edges lighter than this fraction of the total (<c>-edgefraction</c>, pprof's default 0.001).
    /// Edges only decide the inline marks: a node is "(inline)" when all its remaining incoming edges are inlined calls.
    /// </summary>
    public double EdgeFraction { get; init; } = 0.001;

    /// <summary>Sort by cum instead of flat (<c>-cum</c>).</summary>
    public bool SortByCum { get; init; }
}

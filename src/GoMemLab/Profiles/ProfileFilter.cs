using System.Text.RegularExpressions;
using GoMemLab.Profiles.Analyses;

namespace GoMemLab.Profiles;

/// <summary>
/// Which samples and frames an analysis looks at, as <c>go tool pprof</c>'s <c>-focus</c>, <c>-ignore</c> and
/// <c>-hide</c> (regular expressions over function names, file names and mapping files; null or empty = no
/// filter). Every profile analysis (<see cref="Top"/>, <see cref="AllocVsInuse"/>, <see cref="LeakSuspects"/>,
/// <see cref="HeapTrend"/>, <see cref="FlameGraph"/>) takes one, so a notebook filters them all the same way.
/// Percentages stay of the unfiltered total, as in pprof. The patterns are checked by the analysis that uses
/// them: an invalid one is an <see cref="ArgumentException"/> naming the option.
/// </summary>
public sealed record ProfileFilter
{
    /// <summary>No filtering.</summary>
    public static readonly ProfileFilter None = new();

    /// <summary>Keep only samples with a frame whose function name, file name or mapping file matches (<c>-focus</c>).</summary>
    public string? Focus { get; init; }

    /// <summary>Drop samples with a frame that matches (<c>-ignore</c>).</summary>
    public string? Ignore { get; init; }

    /// <summary>Remove matching frames from the stacks, keeping the samples (<c>-hide</c>).</summary>
    public string? Hide { get; init; }

    /// <summary>True when no pattern is set.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Focus) && string.IsNullOrEmpty(Ignore) && string.IsNullOrEmpty(Hide);

    /// <summary>The stacks the analyses see with this filter (the profile's own drop_frames pruning applied too).</summary>
    internal FilteredStacks Apply(Profile profile) =>
        new(profile, Compile("focus", Focus), Compile("ignore", Ignore), Compile("hide", Hide));

    private static Regex? Compile(string option, string? pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return null;
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"parsing {option} regexp: {e.Message}", e);
        }
    }
}

using GoMemLab.Charts;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Reports;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace GoMemLab.Profiles;

/// <summary>
/// A profile as a notebook holds it (what <c>#!pprof</c> puts in a variable): the <see cref="Profile"/>, the
/// default sample index and focus/ignore it was loaded with, and the analyses as methods. A thin facade: every
/// method is one call into <c>Profiles.Analyses</c> or <c>Charts</c>, and its result is what that analysis
/// documents. Methods taking a sample index accept pprof's names (<c>alloc_space</c>, <c>inuse_objects</c>…);
/// null means the one given at load time, else the profile's default (inuse_space for heap profiles).
/// </summary>
public sealed class LoadedProfile
{
    /// <summary>
    /// Wraps a profile. <paramref name="sampleIndex"/> is checked now (<see cref="ArgumentException"/> listing the valid
    /// names); the focus/ignore regexes are checked by the first analysis that uses them.
    /// </summary>
    public LoadedProfile(Profile profile, string? sampleIndex = null, string? focus = null, string? ignore = null)
    {
        Profile = profile;
        _isDiff = new Lazy<bool>(() => HasBaseSamples(profile));
        if (!string.IsNullOrEmpty(sampleIndex)) profile.SampleIndexByName(sampleIndex);
        SampleIndex = string.IsNullOrEmpty(sampleIndex) ? null : sampleIndex;
        Focus = string.IsNullOrEmpty(focus) ? null : focus;
        Ignore = string.IsNullOrEmpty(ignore) ? null : ignore;
    }

    /// <summary>Loads a file or URL with <see cref="ProfileLoader.LoadPathOrUrlAsync"/>.</summary>
    public static async Task<LoadedProfile> LoadAsync(string pathOrUrl, string? sampleIndex = null, string? focus = null, string? ignore = null,
        CancellationToken cancel = default) =>
        new(await ProfileLoader.LoadPathOrUrlAsync(pathOrUrl, null, cancel), sampleIndex, focus, ignore);

    /// <summary>The profile itself, for anything the methods below do not cover.</summary>
    public Profile Profile { get; }

    private readonly Lazy<bool> _isDiff;

    /// <summary>The sample index given at load time (null = the profile's default).</summary>
    public string? SampleIndex { get; }

    /// <summary>The focus and ignore regexes every analysis applies (null = none).</summary>
    public string? Focus { get; }
    public string? Ignore { get; }

    /// <summary>True when this is a diff (<see cref="DiffWith(LoadedProfile)"/> or <c>--diff-base</c>): values are current minus base.</summary>
    public bool IsDiff => _isDiff.Value;

    private static bool HasBaseSamples(Profile profile)
    {
        var samples = profile.Samples;
        for (var s = 0; s < samples.Count; s++)
            if (samples.StringLabel(s, Diff.BaseLabel) == "true") return true;
        return false;
    }

    /// <summary>The sample type name analyses use by default.</summary>
    public string SampleTypeName => Profile.SampleTypes[Profile.SampleIndexByName(SampleIndex)].Type;

    /// <summary><see cref="Top.Compute"/> with this profile's focus/ignore; <paramref name="count"/> 0 = all rows.</summary>
    public TopReport TopReport(string? sampleIndex = null, int count = 0, bool byCum = false, Granularity granularity = Granularity.Functions) =>
        Analyses.Top.Compute(Profile, Options(sampleIndex) with { NodeCount = count, SortByCum = byCum, Granularity = granularity });

    /// <summary>
    /// The <see cref="TopReport"/>'s contract columns (name, flat, flat_pct, sum_pct, cum, cum_pct, inline), as
    /// <c>go tool pprof -top</c> prints them; <c>TopReport(…).ToDataFrame()</c> adds function/file/line for joins.
    /// </summary>
    public DataFrame Top(string? sampleIndex = null, int count = 0, bool byCum = false, Granularity granularity = Granularity.Functions) =>
        TopReport(sampleIndex, count, byCum, granularity).ToContractDataFrame();

    /// <summary><see cref="Analyses.AllocVsInuse"/>: alloc and inuse side by side per function (heap profiles only).</summary>
    public DataFrame AllocVsInuse(bool cumulative = false) => Analyses.AllocVsInuse.Compute(Profile, cumulative, Options(null));

    /// <summary><see cref="Analyses.LeakSuspects"/>: functions that hold what they allocate (heap profiles only).</summary>
    public DataFrame LeakSuspects(LeakSuspectRule? rule = null) => Analyses.LeakSuspects.Find(Profile, rule, Options(null));

    /// <summary><see cref="FlameGraph"/>: the call tree as id/parent/name/value rows.</summary>
    public DataFrame Flame(string? sampleIndex = null, double minimumShare = 0.001) => FlameGraph.Compute(Profile, Options(sampleIndex), minimumShare);

    /// <summary>The samples as a long table, one row per sample (<see cref="ProfileSamples.ToDataFrame"/>).</summary>
    public DataFrame Samples() => ProfileSamples.ToDataFrame(Profile);

    /// <summary>The header facts (<see cref="ProfileSummary"/>).</summary>
    public DataFrame Info() => ProfileSummary.ToDataFrame(Profile);

    /// <summary>This profile minus <paramref name="baseline"/> (<c>-diff_base</c>, <see cref="Diff.Against"/>), keeping this one's options.</summary>
    public LoadedProfile DiffWith(LoadedProfile baseline) => new(Diff.Against(Profile, baseline.Profile), SampleIndex, Focus, Ignore);

    /// <summary><see cref="HeapTrend.Compute"/> over snapshots (3 or more), with the first snapshot's options.</summary>
    public static DataFrame Trend(params LoadedProfile[] snapshots) =>
        HeapTrend.Compute(snapshots.Select(s => s.Profile).ToList(), snapshots.FirstOrDefault()?.Options(null));

    /// <summary><see cref="HeapTrend.Series"/>: the values behind <see cref="Trend"/>, one row per function and snapshot.</summary>
    public static DataFrame TrendSeries(params LoadedProfile[] snapshots) =>
        HeapTrend.Series(snapshots.Select(s => s.Profile).ToList(), snapshots.FirstOrDefault()?.Options(null));

    /// <summary>Lines of the <paramref name="count"/> fastest-growing functions across the snapshots.</summary>
    public static GenericChart TrendChart(int count, params LoadedProfile[] snapshots) =>
        ProfileCharts.TrendLines(Trend(snapshots), TrendSeries(snapshots), count);

    /// <summary>Top bars (flat and cum) of the first <paramref name="count"/> functions.</summary>
    public GenericChart TopChart(string? sampleIndex = null, int count = 15) => ProfileCharts.TopBars(TopReport(sampleIndex, count), count);

    /// <summary>Grouped alloc_space/inuse_space bars.</summary>
    public GenericChart AllocVsInuseChart(int count = 15) => ProfileCharts.AllocVsInuseBars(AllocVsInuse(), count);

    /// <summary>Log-log inuse vs alloc scatter coloured by retention.</summary>
    public GenericChart RetentionChart() => ProfileCharts.RetentionScatter(AllocVsInuse());

    /// <summary>The flame graph chart (a diff flame graph, red = growth, when this is a diff).</summary>
    public GenericChart FlameChart(string? sampleIndex = null)
    {
        var type = Profile.SampleTypes[Profile.SampleIndexByName(sampleIndex ?? SampleIndex)];
        var flame = Flame(sampleIndex);
        return IsDiff
            ? FlameCharts.DiffFlame(flame, $"Diff flame graph, {type.Type}: red grew, green shrank", type.Unit)
            : FlameCharts.Flame(flame, $"Flame graph, {type.Type}", type.Unit);
    }

    /// <summary>The card <c>#!pprof</c> shows (<see cref="ProfileCard"/>); <paramref name="source"/> names the input (default: the profile's source).</summary>
    public SummaryCard Card(string title, string? source = null) => ProfileCard.Create(this, title, source);

    /// <summary>One line: source, sample types, sample count, and whether it is a diff.</summary>
    public override string ToString() =>
        $"{Profile.Source}: {string.Join(", ", Profile.SampleTypes)}; {Profile.Samples.Count} samples{(IsDiff ? " (diff)" : "")}";

    internal TopOptions Options(string? sampleIndex) => new() { SampleIndex = sampleIndex ?? SampleIndex, Focus = Focus, Ignore = Ignore };
}

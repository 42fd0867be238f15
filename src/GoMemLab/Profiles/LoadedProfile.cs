using GoMemLab.Charts;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Reports;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace GoMemLab.Profiles;

/// <summary>
/// A profile as a notebook holds it (what <c>#!pprof</c> puts in a variable): the <see cref="Profile"/>, the
/// default sample index and <see cref="ProfileFilter"/> it was loaded with, the analyses as methods and their
/// charts. A thin facade: every method is one call into the <see cref="Profile"/>'s analyses or <c>Charts</c>,
/// and its result is what that analysis documents. Methods taking a sample index accept pprof's names
/// (<c>alloc_space</c>, <c>inuse_objects</c>…); null means the one given at load time, else the profile's
/// default (inuse_space for heap profiles).
/// </summary>
public sealed class LoadedProfile
{
    private readonly Lazy<bool> _isDiff;

    /// <summary>
    /// Wraps a profile. <paramref name="sampleIndex"/> is checked now (<see cref="ArgumentException"/> listing the valid
    /// names); the filter's regexes are checked by the first analysis that uses them.
    /// </summary>
    public LoadedProfile(Profile profile, string? sampleIndex = null, ProfileFilter? filter = null)
    {
        Profile = profile;
        _isDiff = new Lazy<bool>(() => ProfileDiff.IsDiff(profile));
        if (!string.IsNullOrEmpty(sampleIndex)) profile.SampleIndexByName(sampleIndex);
        SampleIndex = string.IsNullOrEmpty(sampleIndex) ? null : sampleIndex;
        Filter = filter ?? ProfileFilter.None;
    }

    /// <summary>Loads a file with <see cref="Profile.Load(string, CancellationToken)"/>, with no default sample index or filter.</summary>
    public static LoadedProfile Load(string path, CancellationToken cancel = default) => new(Profile.Load(path, cancel));

    /// <summary>Loads a file or URL with <see cref="Profile.LoadAsync(string, CancellationToken)"/>, with no default sample index or
    /// filter.</summary>
    public static async Task<LoadedProfile> LoadAsync(string pathOrUrl, CancellationToken cancel = default) =>
        new(await Profile.LoadAsync(pathOrUrl, cancel));

    /// <summary>The profile itself, for anything the methods below do not cover.</summary>
    public Profile Profile { get; }

    /// <summary>The sample index given at load time (null = the profile's default).</summary>
    public string? SampleIndex { get; }

    /// <summary>The focus/ignore/hide every analysis applies (<see cref="ProfileFilter.None"/> = none).</summary>
    public ProfileFilter Filter { get; }

    /// <summary>True when this is a diff (<see cref="DiffSince"/> or <c>--diff-base</c>): values are after minus before.</summary>
    public bool IsDiff => _isDiff.Value;

    /// <summary>The sample type name analyses use by default.</summary>
    public string SampleTypeName => Profile.SampleTypes[Profile.SampleIndexByName(SampleIndex)].Type;

    /// <summary><see cref="Analyses.Top.Compute"/> with this profile's filter; <paramref name="count"/> 0 = all rows.</summary>
    public TopReport TopReport(string? sampleIndex = null, int count = 0, bool byCum = false,
        Granularity granularity = Granularity.Functions) =>
        Profile.Top(new TopOptions
        {
            SampleIndex = sampleIndex ?? SampleIndex, Filter = Filter, NodeCount = count, SortByCum = byCum, Granularity = granularity,
        });

    /// <summary>
    /// The <see cref="TopReport"/>'s contract columns (name, flat, flat_pct, sum_pct, cum, cum_pct, inline), as
    /// <c>go tool pprof -top</c> prints them; <c>TopReport(…).ToDataFrame()</c> adds function/file/line for joins.
    /// </summary>
    public DataFrame Top(string? sampleIndex = null, int count = 0, bool byCum = false, Granularity granularity = Granularity.Functions) =>
        TopReport(sampleIndex, count, byCum, granularity).ToContractDataFrame();

    /// <summary><see cref="Analyses.AllocVsInuse"/>: alloc and inuse side by side per function (heap profiles only).</summary>
    public AllocVsInuseReport AllocVsInuse(bool cumulative = false) => Profile.AllocVsInuse(cumulative, Filter);

    /// <summary><see cref="Analyses.LeakSuspects"/>: functions that hold what they allocate (heap profiles only).</summary>
    public LeakSuspectsReport LeakSuspects(LeakSuspectRule? rule = null) => Profile.LeakSuspects(rule, Filter);

    /// <summary><see cref="FlameGraph"/>: the call tree as boxes with their values.</summary>
    public FlameGraphReport Flame(string? sampleIndex = null, double minimumShare = 0.001) =>
        Profile.FlameGraph(sampleIndex ?? SampleIndex, Filter, minimumShare);

    /// <summary>The samples as a long table, one row per sample (<see cref="ProfileSamples.ToDataFrame"/>).</summary>
    public DataFrame Samples() => ProfileSamples.ToDataFrame(Profile);

    /// <summary>The header facts (<see cref="ProfileSummary"/>).</summary>
    public DataFrame Info() => ProfileSummary.ToDataFrame(Profile);

    /// <summary>This profile minus <paramref name="before"/> (<c>-diff_base</c>, <see cref="ProfileDiff.Compare"/>), keeping this one's
    /// defaults.</summary>
    public LoadedProfile DiffSince(LoadedProfile before) => new(ProfileDiff.Compare(before.Profile, Profile), SampleIndex, Filter);

    /// <summary><see cref="HeapTrend.Compute"/> over snapshots (3 or more), with the first snapshot's defaults.</summary>
    public static HeapTrendReport Trend(params LoadedProfile[] snapshots) =>
        HeapTrend.Compute(snapshots.Select(s => s.Profile).ToList(), snapshots.FirstOrDefault()?.SampleIndex,
            snapshots.FirstOrDefault()?.Filter);

    /// <summary>Lines of the <paramref name="count"/> fastest-growing functions across the snapshots.</summary>
    public static GenericChart TrendChart(int count, params LoadedProfile[] snapshots) => ProfileCharts.TrendLines(Trend(snapshots), count);

    /// <summary>Top bars (flat and cum) of the first <paramref name="count"/> functions.</summary>
    public GenericChart TopChart(string? sampleIndex = null, int count = 15) => ProfileCharts.TopBars(TopReport(sampleIndex, count), count);

    /// <summary>Grouped alloc_space/inuse_space bars.</summary>
    public GenericChart AllocVsInuseChart(int count = 15) => ProfileCharts.AllocVsInuseBars(AllocVsInuse().Rows, count);

    /// <summary>Log-log inuse vs alloc scatter coloured by retention.</summary>
    public GenericChart RetentionChart() => ProfileCharts.RetentionScatter(AllocVsInuse().Rows);

    /// <summary>The flame graph chart (a diff flame graph, red = growth, when this is a diff).</summary>
    public GenericChart FlameChart(string? sampleIndex = null) => FlameCharts.Chart(Flame(sampleIndex));

    /// <summary>The card <c>#!pprof</c> shows (<see cref="ProfileCard"/>); <paramref name="source"/> names the input (default: the
    /// profile's source).</summary>
    public SummaryCard Card(string title, string? source = null) => ProfileCard.Create(this, title, source);

    /// <summary>One line: source, sample types, sample count, and whether it is a diff.</summary>
    public override string ToString() =>
        $"{Profile.Source}: {string.Join(", ", Profile.SampleTypes)}; {Profile.Samples.Count} samples{(IsDiff ? " (diff)" : "")}";
}

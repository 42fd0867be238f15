using System.Globalization;
using GoMemLab.Charts;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;

namespace GoMemLab.Reports;

/// <summary>
/// The summary card of a loaded profile: type, time, duration, the total of every sample type (as pprof
/// counts totals, <see cref="Top.ComputeTotal"/>; for a diff: base → current), the top 10 by the default sample index, and one chart
/// (top bars; the diff flame graph for a diff). For heap profiles the verdict names the leak suspects
/// (<see cref="LeakSuspects"/>) so the first look already points somewhere.
/// </summary>
public static class ProfileCard
{
    /// <summary>Builds the card; analyses run with the loaded profile's focus/ignore and sample index.</summary>
    /// <param name="source">How to name the input (e.g. the path as the user wrote it); default: <see cref="Profile.Source"/>.</param>
    public static SummaryCard Create(LoadedProfile loaded, string title, string? source = null)
    {
        var profile = loaded.Profile;
        var card = new SummaryCard(title);
        card.AddFact("source", source ?? profile.Source);
        card.AddFact("type", string.Join(", ", profile.SampleTypes)
            + (loaded.IsDiff ? " (diff: current minus base)" : ""));
        card.AddFact("time", profile.Time?.ToString("u", CultureInfo.InvariantCulture) ?? "not recorded");
        if (profile.DurationNanos > 0) card.AddFact("duration", profile.Duration.ToString("c", CultureInfo.InvariantCulture));
        card.AddFact("samples", profile.Samples.Count);
        if (profile.Period > 0 && profile.PeriodType is { } period)
            card.AddFact("period", IsHeap(profile) && period.Unit == "bytes"
                ? string.Create(CultureInfo.InvariantCulture,
                $"{profile.Period:N0} bytes: one sample per {profile.Period:N0} bytes allocated on average (runtime.MemProfileRate; "
                    + $"Go's default is 524,288)")
                : string.Create(CultureInfo.InvariantCulture, $"{profile.Period:N0} {period.Unit}"));
        var isDiff = loaded.IsDiff;
        for (var t = 0; t < profile.SampleTypes.Count; t++)
        {
            var type = profile.SampleTypes[t];
            var scale = new ProfileValueScale(type.Unit);
            string Show(long v) => scale.Format(v) + (type.Unit == "bytes" ? string.Create(CultureInfo.InvariantCulture,
                $" ({v:N0} bytes)") : "");
            if (!isDiff)
            {
                card.AddFact("total " + type.Type, Show(Top.ComputeTotal(profile, t)));
                continue;
            }
            var (current, baseline) = DiffTotals(profile, t);
            card.AddFact(type.Type, $"base {scale.Format(baseline)} → current {scale.Format(current)} (change {Show(current - baseline)})");
        }
        if (!string.IsNullOrEmpty(loaded.Filter.Focus)) card.AddFact("focus", loaded.Filter.Focus);
        if (!string.IsNullOrEmpty(loaded.Filter.Ignore)) card.AddFact("ignore", loaded.Filter.Ignore);
        if (!string.IsNullOrEmpty(loaded.Filter.Hide)) card.AddFact("hide", loaded.Filter.Hide);

        var report = loaded.TopReport(count: 10);
        card.AddTable($"Top 10 by flat {report.SampleType.Type}", report.ToContractDataFrame());
        if (IsHeap(profile) && !loaded.IsDiff)
        {
            var names = loaded.LeakSuspects().Rows.Select(r => r.Function).ToList();
            card.Verdict = names.Count == 0
                ? "no function holds most of what it allocates (no leak suspect by retention)"
                : $"leak suspects (hold what they allocate): {string.Join(", ", names)}";
            card.VerdictKind = names.Count == 0 ? "steady" : "growing";
        }
        card.AddChart(loaded.IsDiff ? loaded.FlameChart() : ProfileCharts.TopBars(report, 10));
        return card;
    }

    // A diff holds the current samples and the negated base samples (labelled pprof::base).
    private static (long Current, long Base) DiffTotals(Profile profile, int typeIndex)
    {
        long current = 0, baseline = 0;
        var samples = profile.Samples;
        for (var s = 0; s < samples.Count; s++)
        {
            if (samples.StringLabel(s, ProfileDiff.BaseLabel) == "true") baseline -= samples.Value(s, typeIndex);
            else current += samples.Value(s, typeIndex);
        }
        return (current, baseline);
    }

    private static bool IsHeap(Profile profile)
    {
        try
        {
            HeapSampleTypes.Require(profile);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

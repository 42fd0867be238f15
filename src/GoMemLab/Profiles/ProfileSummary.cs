using System.Globalization;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles;

/// <summary>A profile's header facts as a two-column DataFrame (field, value): what <c>gomemlab pprof info</c> prints.</summary>
public static class ProfileSummary
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["field"] = "A header fact: source, format, sample_types, default_sample_type, samples, locations, functions, mappings, "
            + "period_type, period, time, duration_nanos (and comment, drop_frames, keep_frames, memstats.* when present).",
        ["value"] = "Its value in the profile.",
    };

    /// <summary>One row per fact, in the order of <see cref="ColumnMeanings"/>' field list; every value as text.</summary>
    public static DataFrame ToDataFrame(Profile profile)
    {
        var rows = new List<(string, string)>
        {
            ("source", profile.Source),
            ("format", profile.Format.ToText()),
            ("sample_types", string.Join(", ", profile.SampleTypes.Select(t => t.ToString()))),
            ("default_sample_type", profile.DefaultSampleIndex >= 0 ? profile.SampleTypes[profile.DefaultSampleIndex].Type : ""),
            ("samples", profile.Samples.Count.ToString(CultureInfo.InvariantCulture)),
            ("locations", profile.Locations.Count.ToString(CultureInfo.InvariantCulture)),
            ("functions", profile.Functions.Count.ToString(CultureInfo.InvariantCulture)),
            ("mappings", profile.Mappings.Count.ToString(CultureInfo.InvariantCulture)),
            ("period_type", profile.PeriodType?.ToString() ?? ""),
            ("period", profile.Period.ToString(CultureInfo.InvariantCulture)),
            ("time", profile.Time?.ToString("O", CultureInfo.InvariantCulture) ?? ""),
            ("duration_nanos", profile.DurationNanos.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var c in profile.Comments) rows.Add(("comment", c));
        if (profile.DropFrames.Length > 0) rows.Add(("drop_frames", profile.DropFrames));
        if (profile.KeepFrames.Length > 0) rows.Add(("keep_frames", profile.KeepFrames));
        if (profile.MemStats is { } memStats)
            foreach (var (key, value) in memStats.Fields) rows.Add(("memstats." + key, value));
        return new DataFrame(new StringDataFrameColumn("field", rows.Select(r => r.Item1)), new StringDataFrameColumn("value",
            rows.Select(r => r.Item2)));
    }
}

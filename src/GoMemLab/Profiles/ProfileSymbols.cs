namespace GoMemLab.Profiles;

/// <summary>Operations on the symbol information of a profile.</summary>
public static class ProfileSymbols
{
    /// <summary>
    /// The same profile without functions or lines: every location keeps its address and mapping only, and
    /// drop/keep frames are cleared (they match names). Reports then work per address, like
    /// <c>go tool pprof -symbolize=none</c> on an unsymbolized profile.
    /// </summary>
    public static Profile Strip(Profile profile)
    {
        var builder = new ProfileBuilder(profile.Source)
        {
            Format = profile.Format, DefaultSampleType = profile.DefaultSampleType, PeriodType = profile.PeriodType,
            Period = profile.Period,
            TimeNanos = profile.TimeNanos, DurationNanos = profile.DurationNanos, DocUrl = profile.DocUrl, MemStats = profile.MemStats,
        };
        builder.SampleTypes.AddRange(profile.SampleTypes);
        builder.Comments.AddRange(profile.Comments);
        foreach (var m in profile.Mappings) builder.AddMapping(m with
        {
            HasFunctions = false,
            HasFilenames = false,
            HasLineNumbers = false,
            HasInlineFrames = false,
        });
        var locations = profile.Locations;
        for (var l = 0; l < locations.Count; l++)
        {
            var m = locations.MappingIndexes[l];
            builder.AddLocation(locations.Ids[l], m < 0 ? 0 : profile.Mappings[m].Id, locations.Addresses[l], [], locations.Folded[l]);
        }
        var samples = profile.Samples;
        var stack = new List<ulong>();
        for (var s = 0; s < samples.Count; s++)
        {
            stack.Clear();
            foreach (var l in samples.Locations(s)) stack.Add(locations.Ids[l]);
            builder.AddSample(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stack), samples.Values(s), samples.Labels(s));
        }
        return builder.Build();
    }
}

namespace GoMemLab.Profiles;

/// <summary>
/// Combines profiles of the same kind into one, with pprof's Merge contract: every profile must have the
/// same sample types (type and unit, in order) and the same period type, else <see cref="ArgumentException"/>.
/// The result takes the largest period, the earliest time (pprof's rule, where a zero time wins), the sum of
/// the durations, the first profile's drop/keep frames and default sample type, and the distinct comments.
/// Mappings, functions and locations are renumbered per input; samples are concatenated in input order and,
/// unlike pprof, identical stacks are not coalesced (no analysis here depends on it; totals are the same).
/// </summary>
public static class ProfileMerge
{
    public static Profile Merge(IReadOnlyList<Profile> profiles) =>
        Combine(profiles, profiles.Select(_ => 1L).ToArray(), profiles.Select(_ => (ProfileLabel?)null).ToArray(),
            "merge of " + string.Join(", ", profiles.Select(p => p.Source)));

    /// <summary>
    /// Merges with each profile's values multiplied by <paramref name="scales"/>[i] and, when given, the string
    /// label <paramref name="extraLabels"/>[i] added to each of its samples.
    /// </summary>
    internal static Profile Combine(IReadOnlyList<Profile> profiles, long[] scales, ProfileLabel?[] extraLabels, string source)
    {
        if (profiles.Count == 0) throw new ArgumentException("nothing to merge: no profiles given");
        var first = profiles[0];
        foreach (var other in profiles.Skip(1)) CheckCompatible(first, other);

        var builder = new ProfileBuilder(source)
        {
            DropFrames = first.DropFrames,
            KeepFrames = first.KeepFrames,
            PeriodType = first.PeriodType,
            DocUrl = first.DocUrl,
        };
        builder.SampleTypes.AddRange(first.SampleTypes);
        var seenComments = new HashSet<string>();
        foreach (var p in profiles)
        {
            if (builder.TimeNanos == 0 || p.TimeNanos < builder.TimeNanos) builder.TimeNanos = p.TimeNanos;
            builder.DurationNanos += p.DurationNanos;
            if (builder.Period == 0 || builder.Period < p.Period) builder.Period = p.Period;
            foreach (var c in p.Comments) if (seenComments.Add(c)) builder.Comments.Add(c);
            if (builder.DefaultSampleType.Length == 0) builder.DefaultSampleType = p.DefaultSampleType;
        }

        ulong mappingBase = 0, functionBase = 0, locationBase = 0;
        var values = new long[first.SampleTypes.Count];
        var stack = new List<ulong>();
        var labels = new List<ProfileLabel>();
        for (var i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            for (var m = 0; m < p.Mappings.Count; m++)
                builder.AddMapping(p.Mappings[m] with { Id = mappingBase + (ulong)m + 1 });
            var functions = p.Functions;
            for (var f = 0; f < functions.Count; f++)
                builder.AddFunction(functionBase + (ulong)f + 1, functions.Names[f], functions.SystemNames[f], functions.FileNames[f],
                    functions.StartLines[f]);
            var locations = p.Locations;
            for (var l = 0; l < locations.Count; l++)
            {
                var mapping = locations.MappingIndexes[l];
                builder.BeginLocation(locationBase + (ulong)l + 1, mapping < 0 ? 0 : mappingBase + (ulong)mapping + 1,
                    locations.Addresses[l], locations.Folded[l]);
                for (var k = locations.LineStart[l]; k < locations.LineStart[l + 1]; k++)
                {
                    var function = locations.LineFunction[k];
                    builder.AddLine(function < 0 ? 0 : functionBase + (ulong)function + 1, locations.LineNumbers[k],
                        locations.LineColumns[k]);
                }
            }
            var samples = p.Samples;
            for (var s = 0; s < samples.Count; s++)
            {
                stack.Clear();
                foreach (var l in samples.Locations(s)) stack.Add(locationBase + (ulong)l + 1);
                var own = samples.Values(s);
                for (var v = 0; v < values.Length; v++) values[v] = own[v] * scales[i];
                labels.Clear();
                labels.AddRange(samples.Labels(s));
                if (extraLabels[i] is { } extra) labels.Add(extra);
                builder.AddSample(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stack), values,
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(labels));
            }
            mappingBase += (ulong)p.Mappings.Count;
            functionBase += (ulong)functions.Count;
            locationBase += (ulong)locations.Count;
        }
        return builder.Build();
    }

    private static void CheckCompatible(Profile a, Profile b)
    {
        if (!a.SampleTypes.SequenceEqual(b.SampleTypes))
            throw new ArgumentException($"cannot combine {a.Source} and {b.Source}: sample types differ "
                + $"({string.Join(", ", a.SampleTypes)} vs {string.Join(", ", b.SampleTypes)})");
        if (a.PeriodType != b.PeriodType)
            throw new ArgumentException($"cannot combine {a.Source} and {b.Source}: period types differ ({a.PeriodType} vs "
                + $"{b.PeriodType})");
    }
}

using System.Globalization;

namespace GoMemLab.Profiles;

/// <summary>
/// A loaded pprof profile of any kind: heap (alloc/inuse objects and space), CPU, goroutine, block,
/// mutex. It mirrors google/pprof's data model but stores samples as columns (<see cref="SampleTable"/>)
/// and resolves string-table references, so readers never see string indexes.
/// <para>
/// Immutable once built. Produced by <see cref="Load(string, CancellationToken)"/> and its siblings (protobuf,
/// gzipped or not, and the legacy <c>debug=1</c> heap text), by <see cref="ProfileBuilder"/>, and by
/// <see cref="ProfileMerge"/> and <see cref="ProfileDiff"/>. Every index in the tables has been validated, so
/// analyses may index without checks. The analyses are instance methods (<see cref="LeakSuspects"/>, <see cref="Top"/>…).
/// </para>
/// </summary>
public sealed partial class Profile
{
    internal Profile(
        string source,
        ProfileFormat format,
        IReadOnlyList<ProfileValueType> sampleTypes,
        string defaultSampleType,
        ProfileValueType? periodType,
        long period,
        long timeNanos,
        long durationNanos,
        IReadOnlyList<string> comments,
        string dropFrames,
        string keepFrames,
        string docUrl,
        IReadOnlyList<ProfileMapping> mappings,
        FunctionTable functions,
        LocationTable locations,
        SampleTable samples,
        Telemetry.MemStatsTrailer? memStats = null)
    {
        Source = source;
        Format = format;
        SampleTypes = sampleTypes;
        DefaultSampleType = defaultSampleType;
        PeriodType = periodType;
        Period = period;
        TimeNanos = timeNanos;
        DurationNanos = durationNanos;
        Comments = comments;
        DropFrames = dropFrames;
        KeepFrames = keepFrames;
        DocUrl = docUrl;
        Mappings = mappings;
        Functions = functions;
        Locations = locations;
        Samples = samples;
        MemStats = memStats;
    }

    /// <summary>The path or URL the profile came from (used in messages), or a description for built profiles.</summary>
    public string Source { get; }

    public ProfileFormat Format { get; }

    /// <summary>What each sample value measures, e.g. alloc_objects/count, alloc_space/bytes, inuse_objects/count,
    /// inuse_space/bytes.</summary>
    public IReadOnlyList<ProfileValueType> SampleTypes { get; }

    /// <summary>The profile's <c>default_sample_type</c> (empty when the writer did not set one; Go 1.19 does not).</summary>
    public string DefaultSampleType { get; }

    /// <summary>The sampling period's type and value, e.g. space/bytes 524288 for heap profiles, cpu/nanoseconds 10000000 for
    /// CPU.</summary>
    public ProfileValueType? PeriodType { get; }
    public long Period { get; }

    /// <summary>Collection time in nanoseconds since the Unix epoch (0 = unknown); see <see cref="Time"/>.</summary>
    public long TimeNanos { get; }
    public long DurationNanos { get; }

    /// <summary>Collection time, or null when the profile does not say.</summary>
    public DateTimeOffset? Time => TimeNanos == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(TimeNanos / 100);

    public TimeSpan Duration => TimeSpan.FromTicks(DurationNanos / 100);

    public IReadOnlyList<string> Comments { get; }

    /// <summary>Regex (anchored by pprof) of frames to prune together with everything called from them; empty = none.</summary>
    public string DropFrames { get; }

    /// <summary>Regex of frames exempt from <see cref="DropFrames"/>; empty = none.</summary>
    public string KeepFrames { get; }

    public string DocUrl { get; }

    public IReadOnlyList<ProfileMapping> Mappings { get; }
    public FunctionTable Functions { get; }
    public LocationTable Locations { get; }
    public SampleTable Samples { get; }

    /// <summary>The <c># runtime.MemStats</c> trailer of a legacy debug=1 heap profile; null for protobuf profiles.</summary>
    public Telemetry.MemStatsTrailer? MemStats { get; }

    /// <summary>
    /// The sample index pprof uses when none is asked for: the index of <see cref="DefaultSampleType"/> when it
    /// names a sample type, else the LAST sample type (for Go heap profiles: inuse_space). -1 when there are no sample types.
    /// </summary>
    public int DefaultSampleIndex
    {
        get
        {
            if (DefaultSampleType.Length > 0)
                for (var i = 0; i < SampleTypes.Count; i++)
                    if (SampleTypes[i].Type == DefaultSampleType) return i;
            return SampleTypes.Count - 1;
        }
    }

    /// <summary>
    /// Resolves a <c>-sample_index</c> value the way pprof does: null/empty = <see cref="DefaultSampleIndex"/>;
    /// a number = that index; otherwise a type name, where <c>inuse_X</c> also matches a type named <c>X</c>
    /// (old profiles with objects/space). Throws <see cref="ArgumentException"/> listing the valid names.
    /// </summary>
    public int SampleIndexByName(string? name)
    {
        if (SampleTypes.Count == 0) throw new ArgumentException($"{Source}: the profile has no sample types");
        if (string.IsNullOrEmpty(name)) return DefaultSampleIndex;
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= SampleTypes.Count)
                throw new ArgumentException($"sample index {number} is out of range: the profile has {SampleTypes.Count} sample types "
                    + $"({TypeNames()})");
            return number;
        }
        var withoutInuse = name.StartsWith("inuse_", StringComparison.Ordinal) ? name["inuse_".Length..] : name;
        for (var i = 0; i < SampleTypes.Count; i++)
            if (SampleTypes[i].Type == name || SampleTypes[i].Type == withoutInuse) return i;
        throw new ArgumentException($"sample index '{name}' must be one of: {TypeNames()}");
    }

    private string TypeNames() => string.Join(", ", SampleTypes.Select(t => t.Type));
}

/// <summary>Which encoding a profile was read from.</summary>
public enum ProfileFormat
{
    /// <summary>pprof protobuf (profile.proto), gzipped or plain.</summary>
    Protobuf,
    /// <summary>The legacy text heap profile served by <c>/debug/pprof/heap?debug=1</c>.</summary>
    LegacyHeapText,
    /// <summary>Built in memory (builder, merge, diff).</summary>
    Built,
}

/// <summary>Spelling of <see cref="ProfileFormat"/> in tables (<see cref="ProfileSummary"/>'s format row).</summary>
public static class ProfileFormatText
{
    /// <summary><c>protobuf</c>, <c>legacy heap text</c> or <c>built</c>.</summary>
    public static string ToText(this ProfileFormat format) => format switch
    {
        ProfileFormat.Protobuf => "protobuf",
        ProfileFormat.LegacyHeapText => "legacy heap text",
        ProfileFormat.Built => "built",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}

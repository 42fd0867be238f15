using GoMemLab.Inputs;

namespace GoMemLab.Profiles;

/// <summary>
/// Assembles a <see cref="Profile"/> from pprof-style records that refer to each other by id (as in the
/// protobuf): mappings, functions, locations (with lines), then samples that list location ids leaf first.
/// Records may be added in any order; <see cref="Build"/> resolves ids to indexes and validates everything,
/// throwing <see cref="InputFormatException"/> (naming <see cref="Source"/>) for ids that do not exist,
/// zero or duplicate ids, and samples whose value count differs from the number of sample types.
/// Used by the loaders, by Merge/Diff and by tests that need small synthetic profiles.
/// </summary>
public sealed class ProfileBuilder(string source)
{
    private readonly List<ProfileMapping> _mappings = [];
    private readonly GrowableArray<ulong> _functionIds = new();
    private readonly GrowableArray<string> _functionNames = new();
    private readonly GrowableArray<string> _functionSystemNames = new();
    private readonly GrowableArray<string> _functionFiles = new();
    private readonly GrowableArray<long> _functionStartLines = new();
    private readonly GrowableArray<ulong> _locationIds = new();
    private readonly GrowableArray<ulong> _locationMappingIds = new();
    private readonly GrowableArray<ulong> _locationAddresses = new();
    private readonly GrowableArray<bool> _locationFolded = new();
    private readonly GrowableArray<int> _lineStart = new();
    private readonly GrowableArray<ulong> _lineFunctionIds = new();
    private readonly GrowableArray<long> _lineNumbers = new();
    private readonly GrowableArray<long> _lineColumns = new();

    // Samples, columnar. Location references are stored as ints: the id itself when it fits (Go numbers
    // locations 1..n), otherwise ~k where k indexes bigLocationIds. Resolved to indexes in Build.
    internal readonly GrowableArray<int> SampleLocationStart = new(1024);
    internal readonly GrowableArray<int> SampleLocationRefs = new(1 << 14);
    internal readonly GrowableArray<int> SampleValueStart = new(1024);
    internal readonly GrowableArray<long> SampleValues = new(1 << 12);
    internal readonly GrowableArray<int> SampleLabelStart = new(1024);
    internal readonly GrowableArray<RawLabel> SampleLabels = new();
    // Strings the labels refer to. The protobuf reader replaces this with the profile's string table.
    internal List<string> LabelStrings = [""];
    private Dictionary<string, int>? _labelStringIndex;
    private readonly List<ulong> _bigLocationIds = [];
    private readonly Dictionary<ulong, int> _bigLocationRefs = [];

    public string Source { get; } = source;
    public ProfileFormat Format { get; set; } = ProfileFormat.Built;
    public List<ProfileValueType> SampleTypes { get; } = [];
    public string DefaultSampleType { get; set; } = "";
    public ProfileValueType? PeriodType { get; set; }
    public long Period { get; set; }
    public long TimeNanos { get; set; }
    public long DurationNanos { get; set; }
    public List<string> Comments { get; } = [];
    public string DropFrames { get; set; } = "";
    public string KeepFrames { get; set; } = "";
    public string DocUrl { get; set; } = "";
    public Telemetry.MemStatsTrailer? MemStats { get; set; }

    public int SampleCount => SampleLocationStart.Count;

    /// <summary>
    /// Pre-sizes the sample columns (a hint; they still grow as needed). Reserving generously is cheap: pages of a
    /// large array that are never written are never backed by memory, while growing copies the whole column.
    /// </summary>
    internal void ReserveSamples(int samples, int frames, int values)
    {
        SampleLocationStart.AppendSpan(samples);
        SampleValueStart.AppendSpan(samples);
        SampleLabelStart.AppendSpan(samples);
        SampleLocationRefs.AppendSpan(frames);
        SampleValues.AppendSpan(values);
    }

    public void AddMapping(ProfileMapping mapping) => _mappings.Add(mapping);

    public void AddFunction(ulong id, string name, string systemName, string fileName, long startLine = 0)
    {
        _functionIds.Add(id);
        _functionNames.Add(name);
        _functionSystemNames.Add(systemName);
        _functionFiles.Add(fileName);
        _functionStartLines.Add(startLine);
    }

    /// <summary>Adds a location; <paramref name="lines"/> innermost inlined frame first; mapping id 0 = none; a line's function id 0 =
    /// none.</summary>
    public void AddLocation(ulong id, ulong mappingId, ulong address, ReadOnlySpan<(ulong FunctionId, long Line, long Column)> lines,
        bool isFolded = false)
    {
        BeginLocation(id, mappingId, address, isFolded);
        foreach (var line in lines) AddLine(line.FunctionId, line.Line, line.Column);
    }

    internal void BeginLocation(ulong id, ulong mappingId, ulong address, bool isFolded)
    {
        _locationIds.Add(id);
        _locationMappingIds.Add(mappingId);
        _locationAddresses.Add(address);
        _locationFolded.Add(isFolded);
        _lineStart.Add(_lineFunctionIds.Count);
    }

    internal void AddLine(ulong functionId, long line, long column)
    {
        _lineFunctionIds.Add(functionId);
        _lineNumbers.Add(line);
        _lineColumns.Add(column);
    }

    /// <summary>Adds a sample: its stack as location ids, leaf first; one value per sample type; optional labels.</summary>
    public void AddSample(ReadOnlySpan<ulong> locationIdsLeafFirst, ReadOnlySpan<long> values, ReadOnlySpan<ProfileLabel> labels = default)
    {
        BeginSample();
        foreach (var id in locationIdsLeafFirst) AddSampleLocation(id);
        SampleValues.AddRange(values);
        foreach (var label in labels)
            SampleLabels.Add(new RawLabel(Intern(label.Key), Intern(label.Text), label.Number, Intern(label.NumberUnit)));
    }

    private int Intern(string s)
    {
        if (s.Length == 0) return 0;
        _labelStringIndex ??= LabelStrings.Select((x, i) => (x, i)).GroupBy(p => p.x).ToDictionary(g => g.Key, g => g.First().i);
        if (!_labelStringIndex.TryGetValue(s, out var index))
        {
            index = LabelStrings.Count;
            LabelStrings.Add(s);
            _labelStringIndex.Add(s, index);
        }
        return index;
    }

    // Read once per profile: checked on every sample, so a profile past the limit is refused as soon as it
    // gets there, before its columns grow further.
    private readonly long _maxSamples = InputFile.MaxSamples;

    internal void BeginSample()
    {
        if (SampleLocationStart.Count >= _maxSamples)
            throw Bad($"has over {_maxSamples:N0} samples, the limit; set GOMEMLAB_MAX_SAMPLES to raise it");
        SampleLocationStart.Add(SampleLocationRefs.Count);
        SampleValueStart.Add(SampleValues.Count);
        SampleLabelStart.Add(SampleLabels.Count);
    }

    internal void AddSampleLocation(ulong id)
    {
        if (id <= int.MaxValue) { SampleLocationRefs.Add((int)id); return; }
        if (!_bigLocationRefs.TryGetValue(id, out var k))
        {
            k = _bigLocationIds.Count;
            _bigLocationIds.Add(id);
            _bigLocationRefs.Add(id, k);
        }
        SampleLocationRefs.Add(~k);
    }

    /// <summary>Validates and freezes the profile. The builder must not be used afterwards.</summary>
    public Profile Build()
    {
        var mappingIndex = IndexIds(_mappings.Select(m => m.Id).ToArray(), "mapping");
        var functions = new FunctionTable(_functionIds.Detach(), _functionNames.Detach(), _functionSystemNames.Detach(),
            _functionFiles.Detach(), _functionStartLines.Detach());
        var functionIndex = IndexIds(functions.Ids, "function");
        var locations = BuildLocations(mappingIndex, functionIndex);
        var samples = BuildSamples(locations);
        return new Profile(Source, Format, SampleTypes.ToArray(), DefaultSampleType, PeriodType, Period, TimeNanos, DurationNanos,
            Comments.ToArray(), DropFrames, KeepFrames, DocUrl, _mappings.ToArray(), functions, locations, samples, MemStats);
    }

    private LocationTable BuildLocations(Dictionary<ulong, int> mappingIndex, Dictionary<ulong, int> functionIndex)
    {
        var ids = _locationIds.Detach();
        IndexIds(ids, "location");
        var mappingIds = _locationMappingIds.Span;
        var mappingIndexes = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if (mappingIds[i] == 0) { mappingIndexes[i] = -1; continue; }
            if (!mappingIndex.TryGetValue(mappingIds[i], out mappingIndexes[i]))
                throw Bad($"location id {ids[i]} refers to mapping id {mappingIds[i]}, which is not in the profile");
        }
        _lineStart.Add(_lineFunctionIds.Count);
        var starts = _lineStart.Detach();
        var functionIds = _lineFunctionIds.Span;
        var lineFunctions = new int[functionIds.Length];
        for (var location = 0; location < ids.Length; location++)
            for (var k = starts[location]; k < starts[location + 1]; k++)
            {
                if (functionIds[k] == 0) { lineFunctions[k] = -1; continue; }
                if (!functionIndex.TryGetValue(functionIds[k], out lineFunctions[k]))
                    throw Bad($"location id {ids[location]} has a line in function id {functionIds[k]}, which is not in the profile");
            }
        return new LocationTable(ids, mappingIndexes, _locationAddresses.Detach(), _locationFolded.Detach(), starts, lineFunctions,
            _lineNumbers.Detach(), _lineColumns.Detach());
    }

    private SampleTable BuildSamples(LocationTable locations)
    {
        var count = SampleLocationStart.Count;
        var types = SampleTypes.Count;
        var valueStart = SampleValueStart.Span;
        // pprof refuses this too ("missing sample type information"): the values would have no meaning.
        if (count > 0 && types == 0)
            throw Bad($"malformed profile: {count:N0} samples but no sample_type, so their values have no meaning");
        for (var i = 0; i < count; i++)
        {
            var end = i + 1 < count ? valueStart[i + 1] : SampleValues.Count;
            if (end - valueStart[i] != types)
                throw Bad($"sample {i} has {end - valueStart[i]} values, expected {types} (one per sample type: "
                    + $"{string.Join(", ", SampleTypes.Select(t => t.Type))})");
        }

        var refs = SampleLocationRefs.Span;
        ResolveLocationRefs(refs, locations.Ids);
        SampleLocationStart.Add(SampleLocationRefs.Count);
        var hasLabels = SampleLabels.Count > 0;
        if (hasLabels) SampleLabelStart.Add(SampleLabels.Count);
        return new SampleTable(count, types, SampleLocationStart.DetachUntrimmed(), SampleLocationRefs.DetachUntrimmed(),
            SampleValues.DetachUntrimmed(),
            hasLabels ? SampleLabelStart.DetachUntrimmed() : null, SampleLabels.DetachUntrimmed(), LabelStrings.ToArray());
    }

    private void ResolveLocationRefs(Span<int> refs, ulong[] ids)
    {
        // Dense ids (the Go runtime numbers locations 1..n) resolve through an array; sparse ones through a map.
        ulong maxId = 0;
        foreach (var id in ids) if (id <= int.MaxValue && id > maxId) maxId = id;
        int[]? dense = null;
        Dictionary<ulong, int>? sparse = null;
        if (maxId <= (ulong)ids.Length * 4 + 1024)
        {
            dense = new int[maxId + 1];
            Array.Fill(dense, -1);
            for (var i = 0; i < ids.Length; i++) if (ids[i] <= maxId) dense[ids[i]] = i;
        }
        sparse = dense is null || _bigLocationIds.Count > 0 ? FunctionTable.BuildIndex(ids) : null;
        for (var k = 0; k < refs.Length; k++)
        {
            var r = refs[k];
            ulong id = r >= 0 ? (ulong)r : _bigLocationIds[~r];
            int index;
            if (dense is not null && r >= 0) index = (ulong)r < (ulong)dense.Length ? dense[r] : -1;
            else if (!sparse!.TryGetValue(id, out index)) index = -1;
            if (index < 0)
                throw Bad($"sample {SampleOf(k)} refers to location id {id}, which is not in the profile");
            refs[k] = index;
        }
    }

    private int SampleOf(int frame)
    {
        var starts = SampleLocationStart.Span;
        var found = starts.BinarySearch(frame);
        if (found < 0) found = ~found - 1;
        while (found + 1 < starts.Length && starts[found + 1] == frame) found++;
        return found;
    }

    private Dictionary<ulong, int> IndexIds(ulong[] ids, string what)
    {
        var map = new Dictionary<ulong, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] == 0) throw Bad($"{what} {i} has id 0 (ids must be non-zero)");
            if (!map.TryAdd(ids[i], i)) throw Bad($"two {what}s have id {ids[i]}");
        }
        return map;
    }

    private InputFormatException Bad(string problem) => new(Source, problem);
}

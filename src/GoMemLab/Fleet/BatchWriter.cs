using DuckDB.NET.Data;
using GoMemLab.Profiles;

namespace GoMemLab.Fleet;

/// <summary>
/// The appenders of one ingest batch, one per table, and the flattening of a <see cref="Profile"/> into their rows.
/// Appended rows reach the database when the appenders are disposed, inside the batch's transaction.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDBAppender _profiles, _labels, _functions, _stacks, _frames, _sampleLabels;
    private DuckDBAppender _samples;
    private List<string> _valueColumns;
    private readonly DateTime _ingestedAt = DateTime.UtcNow;

    public BatchWriter(DuckDBConnection connection)
    {
        _connection = connection;
        _profiles = connection.CreateAppender("profiles");
        _labels = connection.CreateAppender("profile_labels");
        _functions = connection.CreateAppender("functions");
        _stacks = connection.CreateAppender("stacks");
        _frames = connection.CreateAppender("stack_frames");
        _sampleLabels = connection.CreateAppender("sample_labels");
        _valueColumns = FleetSchema.ValueColumns(connection);
        _samples = connection.CreateAppender("samples");
    }

    public void Append(int profileId, int batch, string path, string contentHash, Profile profile, ContentKey key,
        FleetIngest.Pending pending, HashSet<Guid> knownFunctions, HashSet<Guid> knownStacks, HashSet<Guid> knownLabelSets)
    {
        EnsureValueColumns(profile);
        AppendProfile(profileId, batch, path, contentHash, profile);
        AppendLabels(profileId, path, profile);
        var functionIds = AppendFunctions(profile, key, pending.Functions, knownFunctions);
        var stackIds = StackIds(profile, key, functionIds, pending.Stacks, knownStacks);
        AppendSamples(profileId, profile, key, stackIds, pending.LabelSets, knownLabelSets);
    }

    private void EnsureValueColumns(Profile profile)
    {
        var missing = profile.SampleTypes.Select(t => t.Type).Where(t => !_valueColumns.Contains(t,
            StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0) return;
        // The appender is bound to the columns the table had when it was made: flush it, widen the table, make a new one.
        _samples.Dispose();
        foreach (var type in missing) FleetSchema.AddValueColumn(_connection, type);
        _valueColumns = FleetSchema.ValueColumns(_connection);
        _samples = _connection.CreateAppender("samples");
    }

    private void AppendProfile(int profileId, int batch, string path, string contentHash, Profile profile)
    {
        _profiles.CreateRow()
            .AppendValue(profileId)
            .AppendValue(path)
            .AppendValue(contentHash)
            .AppendValue(profile.Format == ProfileFormat.LegacyHeapText ? "legacy_heap_text" : "protobuf")
            .AppendValue(profile.Time?.UtcDateTime)
            .AppendValue(profile.DurationNanos)
            .AppendValue(profile.Period)
            .AppendValue(profile.PeriodType?.ToString() ?? "")
            .AppendValue(string.Join(",", profile.SampleTypes))
            .AppendValue(profile.DefaultSampleType)
            .AppendValue(profile.DropFrames)
            .AppendValue(profile.KeepFrames)
            .AppendValue(profile.Samples.Count)
            .AppendValue(batch)
            .AppendValue(_ingestedAt)
            .EndRow();
    }

    /// <summary>Path labels, then the profile's own: string labels that every sample carries with one value. The path wins a
    /// clash.</summary>
    private void AppendLabels(int profileId, string path, Profile profile)
    {
        var fromPath = HiveLabels.FromPath(path);
        foreach (var (k, v) in fromPath.OrderBy(p => p.Key, StringComparer.Ordinal))
            _labels.CreateRow().AppendValue(profileId).AppendValue(k).AppendValue(v).AppendValue("path").EndRow();
        foreach (var (k, v) in CommonStringLabels(profile).OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!fromPath.ContainsKey(k))
                _labels.CreateRow().AppendValue(profileId).AppendValue(k).AppendValue(v).AppendValue("profile").EndRow();
    }

    internal static Dictionary<string, string> CommonStringLabels(Profile profile)
    {
        var samples = profile.Samples;
        var common = new Dictionary<string, string>(StringComparer.Ordinal);
        if (samples.Count == 0) return common;
        foreach (var label in samples.Labels(0))
            if (label.IsString && samples.StringLabel(0, label.Key) == label.Text) common[label.Key] = label.Text;
        for (var s = 1; s < samples.Count && common.Count > 0; s++)
            foreach (var (k, v) in common.ToList())
                if (samples.StringLabel(s, k) != v) common.Remove(k);
        return common;
    }

    private Guid[] AppendFunctions(Profile profile, ContentKey key, HashSet<Guid> pending, HashSet<Guid> known)
    {
        var table = profile.Functions;
        var ids = new Guid[table.Count];
        for (var f = 0; f < table.Count; f++)
        {
            var id = ids[f] = key.Add(table.Name(f)).Add(table.SystemName(f)).Add(table.FileName(f)).Add(table.StartLine(f)).Finish();
            if (known.Contains(id) || !pending.Add(id)) continue;
            _functions.CreateRow().AppendValue(id).AppendValue(table.Name(f)).AppendValue(table.SystemName(f))
                .AppendValue(table.FileName(f)).AppendValue(table.StartLine(f)).EndRow();
        }
        return ids;
    }

    /// <summary>
    /// A stack's id hashes, per location leaf first, the mapping file, address and lines (function id, line, column):
    /// what pprof's merge compares to decide that two samples have the same stack. New stacks get their frame rows.
    /// </summary>
    private Guid[] StackIds(Profile profile, ContentKey key, Guid[] functionIds, HashSet<Guid> pending, HashSet<Guid> known)
    {
        var locations = profile.Locations;
        var locationKeys = new Guid[locations.Count];
        for (var l = 0; l < locations.Count; l++)
        {
            key.Add(MappingFile(profile, l)).Add(locations.Address(l)).Add((long)locations.LineCount(l));
            for (var k = 0; k < locations.LineCount(l); k++)
            {
                var line = locations.Line(l, k);
                key.Add(line.FunctionIndex < 0 ? Guid.Empty : functionIds[line.FunctionIndex]).Add(line.Line).Add(line.Column);
            }
            locationKeys[l] = key.Finish();
        }
        var samples = profile.Samples;
        var ids = new Guid[samples.Count];
        for (var s = 0; s < samples.Count; s++)
        {
            var stack = samples.Locations(s);
            key.Add((long)stack.Length);
            foreach (var l in stack) key.Add(locationKeys[l]);
            var id = ids[s] = key.Finish();
            if (known.Contains(id) || !pending.Add(id)) continue;
            var position = 0;
            for (var depth = 0; depth < stack.Length; depth++)
            {
                var l = stack[depth];
                var count = locations.LineCount(l);
                for (var k = 0; k < count; k++)
                {
                    var line = locations.Line(l, k);
                    var row = _frames.CreateRow().AppendValue(id).AppendValue(position++).AppendValue(depth).AppendValue(k < count - 1);
                    (line.FunctionIndex < 0 ? row.AppendNullValue() : row.AppendValue(functionIds[line.FunctionIndex]))
                        .AppendValue(line.Line).AppendValue(line.Column).AppendValue(MappingFile(profile,
                            l)).AppendValue(locations.Address(l)).EndRow();
                }
                if (count == 0)
                    _frames.CreateRow().AppendValue(id).AppendValue(position++).AppendValue(depth).AppendValue(false).AppendNullValue()
                        .AppendNullValue().AppendNullValue().AppendValue(MappingFile(profile,
                            l)).AppendValue(locations.Address(l)).EndRow();
            }
            _stacks.CreateRow().AppendValue(id).AppendValue(position).AppendValue(stack.Length).EndRow();
        }
        return ids;
    }

    private static string MappingFile(Profile profile, int location)
    {
        var m = profile.Locations.MappingIndex(location);
        return m < 0 ? "" : profile.Mappings[m].File;
    }

    private void AppendSamples(int profileId, Profile profile, ContentKey key, Guid[] stackIds, HashSet<Guid> pending, HashSet<Guid> known)
    {
        var table = profile.Samples;
        // Where each value column takes its value from: a sample type index, or -1 (NULL: the profile lacks that type).
        var source = _valueColumns.Select(c => profile.SampleTypes.ToList().FindIndex(t => string.Equals(t.Type, c,
            StringComparison.OrdinalIgnoreCase))).ToArray();
        for (var s = 0; s < table.Count; s++)
        {
            var row = _samples.CreateRow().AppendValue(profileId).AppendValue(s).AppendValue(stackIds[s]);
            var labelSet = LabelSet(table, s, key, pending, known);
            row = labelSet is { } id ? row.AppendValue(id) : row.AppendNullValue();
            foreach (var t in source) row = t < 0 ? row.AppendNullValue() : row.AppendValue(table.Value(s, t));
            row.EndRow();
        }
    }

    private Guid? LabelSet(SampleTable table, int sample, ContentKey key, HashSet<Guid> pending, HashSet<Guid> known)
    {
        if (table.LabelCount(sample) == 0) return null;
        var sorted = table.Labels(sample).OrderBy(l => l.Key, StringComparer.Ordinal).ThenBy(l => l.Text, StringComparer.Ordinal)
            .ThenBy(l => l.Number).ThenBy(l => l.NumberUnit, StringComparer.Ordinal).ToArray();
        key.Add((long)sorted.Length);
        foreach (var l in sorted) key.Add(l.Key).Add(l.Text).Add(l.Number).Add(l.NumberUnit);
        var id = key.Finish();
        if (known.Contains(id) || !pending.Add(id)) return id;
        foreach (var l in sorted)
        {
            var row = _sampleLabels.CreateRow().AppendValue(id).AppendValue(l.Key);
            row = l.IsString ? row.AppendValue(l.Text).AppendNullValue().AppendNullValue()
                : row.AppendNullValue().AppendValue(l.Number).AppendValue(l.NumberUnit);
            row.EndRow();
        }
        return id;
    }

    public void Dispose()
    {
        foreach (var appender in new[] { _profiles, _labels, _functions, _stacks, _frames, _sampleLabels, _samples }) appender.Dispose();
    }
}

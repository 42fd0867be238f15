using System.Security.Cryptography;
using DuckDB.NET.Data;
using GoMemLab.Inputs;
using GoMemLab.Profiles;

namespace GoMemLab.Fleet;

/// <summary>
/// Writes profiles into a fleet database with DuckDB's appenders (bulk, columnar; no INSERT per row). Each batch of
/// files is one transaction: a batch is committed whole, or, when anything fails or the ingest is cancelled, rolled
/// back whole, so the database never holds half a batch (a killed process loses only the batch in flight; DuckDB's
/// write-ahead log replays only committed transactions). Profiles are read with <see cref="ProfileLoader"/>, the
/// same reader every other command uses.
/// </summary>
internal sealed class FleetIngest
{
    private readonly DuckDBConnection _connection;
    /// <summary>Content hash → (profile id, stored path) of every stored profile: a re-ingest costs a read and a hash per file.</summary>
    private readonly Dictionary<string, (int Id, string Path)> _knownContent = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _knownFunctions, _knownStacks, _knownLabelSets;
    private readonly ContentKey _key = new();
    private int _nextProfileId;
    private int _batch;

    public FleetIngest(DuckDBConnection connection)
    {
        _connection = connection;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT content_hash, profile_id, path FROM profiles";
            using var reader = command.ExecuteReader();
            while (reader.Read()) _knownContent[reader.GetString(0)] = (reader.GetInt32(1), reader.GetString(2));
        }
        _knownFunctions = ReadSet(connection, "SELECT function_id FROM functions", r => r.GetGuid(0));
        _knownStacks = ReadSet(connection, "SELECT stack_id FROM stacks", r => r.GetGuid(0));
        _knownLabelSets = ReadSet(connection, "SELECT DISTINCT label_set_id FROM sample_labels", r => r.GetGuid(0));
        _nextProfileId = Convert.ToInt32(Sql.Scalar(connection, "SELECT coalesce(max(profile_id), 0) FROM profiles")) + 1;
        _batch = Convert.ToInt32(Sql.Scalar(connection, "SELECT coalesce(max(batch), 0) FROM profiles"));
    }

    public FleetIngestReport Run(IReadOnlyList<FleetInput> inputs, FleetIngestOptions options, IProgress<FleetIngestRow>? progress,
        CancellationToken cancel)
    {
        if (options.BatchSize < 1) throw new ArgumentException("the batch size must be at least 1");
        var rows = new List<FleetIngestRow>(inputs.Count);
        for (var start = 0; start < inputs.Count; start += options.BatchSize)
        {
            var slice = inputs.Skip(start).Take(options.BatchSize).ToList();
            rows.AddRange(RunBatch(slice, progress, cancel));
        }
        return new FleetIngestReport(rows);
    }

    private List<FleetIngestRow> RunBatch(List<FleetInput> inputs, IProgress<FleetIngestRow>? progress, CancellationToken cancel)
    {
        _batch++;
        var pending = new Pending();
        var firstProfileId = _nextProfileId;
        var rows = new List<FleetIngestRow>(inputs.Count);
        using var transaction = _connection.BeginTransaction();
        try
        {
            using (var writer = new BatchWriter(_connection))
            {
                foreach (var input in inputs)
                {
                    cancel.ThrowIfCancellationRequested();
                    var row = IngestOne(input, writer, pending, cancel);
                    rows.Add(row);
                    progress?.Report(row);
                }
            }
            FleetSchema.RefreshViews(_connection);
            cancel.ThrowIfCancellationRequested();
            transaction.Commit();
        }
        catch
        {
            transaction.Rollback();
            _nextProfileId = firstProfileId;
            _batch--;
            throw;
        }
        foreach (var (hash, path) in pending.Content) _knownContent[hash] = (pending.Ids[hash], path);
        _knownFunctions.UnionWith(pending.Functions);
        _knownStacks.UnionWith(pending.Stacks);
        _knownLabelSets.UnionWith(pending.LabelSets);
        return rows;
    }

    private FleetIngestRow IngestOne(FleetInput input, BatchWriter writer, Pending pending, CancellationToken cancel)
    {
        byte[] bytes;
        try
        {
            using var stream = InputFile.OpenRead(input.FullPath);
            if (stream.CanSeek)
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }
            else
            {
                // A pipe (a FIFO in the folder): read to its end, as ProfileLoader does.
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
        }
        catch (IOException e)
        {
            return Skipped(input, $"cannot be read: {e.Message}");
        }
        catch (InputFormatException e)
        {
            return Skipped(input, e.Problem);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var stored = _knownContent.TryGetValue(hash, out var known) ? known
            : pending.Content.TryGetValue(hash, out var path) ? (pending.Ids[hash], path) : ((int Id, string Path)?)null;
        if (stored is { } earlier)
            return new FleetIngestRow(input.Display, input.StoredPath, FleetIngestStatus.AlreadyPresent, earlier.Id, _batch, 0,
                $"same content as {earlier.Path}");
        Profile profile;
        try
        {
            profile = ProfileLoader.Load(bytes, input.Display, cancel: cancel);
            CheckSampleTypes(profile);
        }
        catch (InputFormatException e)
        {
            return Skipped(input, e.Problem + (e.Offset is { } o ? $" (at byte {o})" : e.Line is { } l ? $" (line {l})" : ""));
        }
        var profileId = _nextProfileId++;
        writer.Append(profileId, _batch, input.StoredPath, hash, profile, _key, pending, _knownFunctions, _knownStacks, _knownLabelSets);
        pending.Content[hash] = input.StoredPath;
        pending.Ids[hash] = profileId;
        return new FleetIngestRow(input.Display, input.StoredPath, FleetIngestStatus.Ingested, profileId, _batch,
            profile.Samples.Count, "");
    }

    private FleetIngestRow Skipped(FleetInput input, string why) =>
        new(input.Display, input.StoredPath, FleetIngestStatus.Skipped, null, _batch, 0, why);

    /// <summary>Sample types become column names: two with one name, or one named like a key column, cannot be stored.</summary>
    private static void CheckSampleTypes(Profile profile)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in profile.SampleTypes)
        {
            if (type.Type.Length == 0) throw new InputFormatException(profile.Source, "has a sample type without a name");
            if (FleetSchema.SampleKeyColumns.Contains(type.Type))
                throw new InputFormatException(profile.Source,
                    $"has a sample type named \"{type.Type}\", a name the fleet database keeps for its own column");
            if (!seen.Add(type.Type)) throw new InputFormatException(profile.Source, $"has two sample types named \"{type.Type}\"");
        }
    }

    private static HashSet<T> ReadSet<T>(DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> read)
    {
        var set = new HashSet<T>();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = (DuckDBDataReader)command.ExecuteReader();
        while (reader.Read()) set.Add(read(reader));
        return set;
    }

    /// <summary>What the batch in flight added: forgotten if it rolls back, merged into the known sets when it commits.</summary>
    internal sealed class Pending
    {
        public readonly Dictionary<string, string> Content = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> Ids = new(StringComparer.Ordinal);
        public readonly HashSet<Guid> Functions = [], Stacks = [], LabelSets = [];
    }
}

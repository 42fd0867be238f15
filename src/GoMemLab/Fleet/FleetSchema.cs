using DuckDB.NET.Data;

namespace GoMemLab.Fleet;

/// <summary>
/// The tables and views of a fleet database (documented column by column in <c>docs/fleet.md</c>). Stacks, functions
/// and sample label sets are stored once however many profiles share them (their ids are content hashes), so a
/// thousand snapshots of one service cost little more than their distinct stacks plus one row per sample.
/// <list type="bullet">
/// <item><c>profiles</c>: one row per ingested file (path relative to the ingest root, content hash, time, period, sample types…);</item>
/// <item><c>profile_labels</c>: key/value labels of a profile, from hive-style <c>key=value</c> folders and from labels every sample of the
/// profile carries;</item>
/// <item><c>functions</c>, <c>stacks</c>, <c>stack_frames</c>: the call stacks, one frame row per source line (inlined calls are rows of
/// their own);</item>
/// <item><c>samples</c>: one row per sample with one BIGINT column per sample type (<c>alloc_space</c>, <c>inuse_space</c>, <c>cpu</c>, …,
/// added as new types arrive; NULL where a profile lacks the type);</item>
/// <item><c>sample_labels</c>: the labels of samples (e.g. Go heap profiles' <c>bytes</c>), by label set;</item>
/// <item>views <c>labelled_profiles</c> (profiles with one column per label key) and <c>sample_frames</c> (every sample flattened to
/// its function and line rows, with the value columns).</item>
/// </list>
/// </summary>
internal static class FleetSchema
{
    public const string Version = "1";

    /// <summary>Columns of <c>samples</c> that are not sample values; a sample type with one of these names is refused.</summary>
    public static readonly IReadOnlySet<string> SampleKeyColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "profile_id", "sample", "stack_id", "label_set_id",
    };

    /// <summary>Columns of <c>profiles</c>; a label key with one of these names gets the prefix <c>label_</c> in
    /// <c>labelled_profiles</c>.</summary>
    public static readonly IReadOnlySet<string> ProfileColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "profile_id", "path", "content_hash", "format", "time", "duration_ns", "period", "period_type", "sample_types",
        "default_sample_type", "drop_frames", "keep_frames", "sample_count", "batch", "ingested_at",
    };

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS fleet_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS profiles (
            profile_id INTEGER PRIMARY KEY,
            path VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL UNIQUE,
            format VARCHAR NOT NULL,
            time TIMESTAMP,
            duration_ns BIGINT NOT NULL,
            period BIGINT NOT NULL,
            period_type VARCHAR NOT NULL,
            sample_types VARCHAR NOT NULL,
            default_sample_type VARCHAR NOT NULL,
            drop_frames VARCHAR NOT NULL,
            keep_frames VARCHAR NOT NULL,
            sample_count INTEGER NOT NULL,
            batch INTEGER NOT NULL,
            ingested_at TIMESTAMP NOT NULL);
        CREATE TABLE IF NOT EXISTS profile_labels (
            profile_id INTEGER NOT NULL,
            key VARCHAR NOT NULL,
            value VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            PRIMARY KEY (profile_id, key));
        CREATE TABLE IF NOT EXISTS functions (
            function_id UUID PRIMARY KEY,
            name VARCHAR NOT NULL,
            system_name VARCHAR NOT NULL,
            file VARCHAR NOT NULL,
            start_line BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS stacks (
            stack_id UUID PRIMARY KEY,
            frames INTEGER NOT NULL,
            locations INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS stack_frames (
            stack_id UUID NOT NULL,
            position INTEGER NOT NULL,
            location INTEGER NOT NULL,
            inlined BOOLEAN NOT NULL,
            function_id UUID,
            line BIGINT,
            "column" BIGINT,
            mapping_file VARCHAR NOT NULL,
            address UBIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS sample_labels (
            label_set_id UUID NOT NULL,
            key VARCHAR NOT NULL,
            str VARCHAR,
            num BIGINT,
            num_unit VARCHAR);
        CREATE TABLE IF NOT EXISTS samples (
            profile_id INTEGER NOT NULL,
            sample INTEGER NOT NULL,
            stack_id UUID NOT NULL,
            label_set_id UUID);
        """;

    private const string FramesView = """
        CREATE OR REPLACE VIEW sample_frames AS
        SELECT s.profile_id, s.sample, s.stack_id, f.position, f.location, f.position = 0 AS is_leaf, f.inlined,
               fn.name AS function, fn.file, f.line, f.mapping_file, f.address,
               s.* EXCLUDE (profile_id, sample, stack_id, label_set_id)
        FROM samples s JOIN stack_frames f USING (stack_id) LEFT JOIN functions fn ON fn.function_id = f.function_id
        """;

    /// <summary>Creates what is missing and records the schema version; refuses a database of another schema version.</summary>
    public static void Create(DuckDBConnection connection, string path)
    {
        Sql.Execute(connection, Tables);
        var version = Sql.Scalar(connection, "SELECT value FROM fleet_info WHERE key = 'schema_version'") as string;
        if (version is null) Sql.Execute(connection, $"INSERT INTO fleet_info VALUES ('schema_version', '{Version}')");
        else if (version != Version)
            throw new Inputs.InputFormatException(path,
                $"is a fleet database of schema version {version}; this GoMemLab reads version {Version}");
        RefreshViews(connection);
    }

    /// <summary>Checks that an existing database is a fleet database of this schema version.</summary>
    public static void Check(DuckDBConnection connection, string path)
    {
        var hasInfo = Convert.ToInt64(Sql.Scalar(connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fleet_info'")) > 0;
        if (!hasInfo) throw new Inputs.InputFormatException(path,
            "is a DuckDB database but not a GoMemLab fleet (it has no fleet_info table)");
        var version = Sql.Scalar(connection, "SELECT value FROM fleet_info WHERE key = 'schema_version'") as string;
        if (version != Version)
            throw new Inputs.InputFormatException(path,
                $"is a fleet database of schema version {version ?? "(none)"}; this GoMemLab reads version {Version}");
    }

    /// <summary>The value columns of <c>samples</c>, in table order.</summary>
    public static List<string> ValueColumns(DuckDBConnection connection)
    {
        var columns = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name FROM information_schema.columns WHERE table_name = 'samples' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (!SampleKeyColumns.Contains(name)) columns.Add(name);
        }
        return columns;
    }

    /// <summary>Adds a BIGINT value column to <c>samples</c> for a sample type not seen before.</summary>
    public static void AddValueColumn(DuckDBConnection connection, string sampleType) =>
        Sql.Execute(connection, $"ALTER TABLE samples ADD COLUMN IF NOT EXISTS {Sql.Quote(sampleType)} BIGINT");

    /// <summary>The label keys of <c>labelled_profiles</c>: (key as stored, column name in the view), ordered by key.</summary>
    public static List<(string Key, string Column)> LabelColumns(DuckDBConnection connection)
    {
        var keys = new List<(string, string)>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT key FROM profile_labels ORDER BY key";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetString(0);
            keys.Add((key, ProfileColumns.Contains(key) ? "label_" + key : key));
        }
        return keys;
    }

    /// <summary>
    /// Recreates the views: <c>labelled_profiles</c> depends on which label keys exist, so it is rebuilt in the same
    /// transaction as every ingest; <c>sample_frames</c> picks up new value columns by itself.
    /// </summary>
    public static void RefreshViews(DuckDBConnection connection)
    {
        var labels = LabelColumns(connection);
        var view = labels.Count == 0
            ? "CREATE OR REPLACE VIEW labelled_profiles AS SELECT p.* FROM profiles p"
            : "CREATE OR REPLACE VIEW labelled_profiles AS SELECT p.*, "
              + string.Join(", ", labels.Select(l => "l." + Sql.Quote(l.Column)))
              + " FROM profiles p LEFT JOIN (SELECT profile_id, "
              + string.Join(", ", labels.Select(l => $"max(value) FILTER (WHERE key = {Sql.Literal(l.Key)}) AS {Sql.Quote(l.Column)}"))
              + " FROM profile_labels GROUP BY profile_id) l USING (profile_id)";
        Sql.Execute(connection, view);
        Sql.Execute(connection, FramesView);
    }
}

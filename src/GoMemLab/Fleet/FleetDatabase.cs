using DuckDB.NET.Data;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using Microsoft.Data.Analysis;

namespace GoMemLab.Fleet;

/// <summary>
/// Many profiles in one embedded DuckDB file (no server): every pod, every hour, every incident bundle, queried at
/// once. <see cref="Create"/> opens one for writing (<see cref="Ingest"/>); <see cref="Open"/> opens an existing one
/// read-only for the analyses: <see cref="Top"/> (exactly <c>go tool pprof -top</c> over the merged profiles),
/// <see cref="Trend"/> (growth per label group), <see cref="Query"/> (any SQL) and <see cref="ExportParquet"/>
/// (hive-partitioned Parquet for Spark, Trino or DuckDB). The schema is in <c>docs/fleet.md</c>.
/// <para>
/// Label predicates (<c>where</c>) are SQL over the view <c>labelled_profiles</c>: the columns of <c>profiles</c>
/// (path, time, sample_types, …) and one column per label key, e.g. <c>service = 'leaky' AND pod IN ('a', 'b')</c>.
/// One writer at a time: DuckDB locks the file, and a second process that opens it gets an <see cref="IOException"/>.
/// </para>
/// </summary>
public sealed class FleetDatabase : IDisposable
{
    private readonly DuckDBConnection _connection;

    private FleetDatabase(DuckDBConnection connection, string path, bool writable)
    {
        _connection = connection;
        Path = path;
        Writable = writable;
    }

    /// <summary>The database file as given.</summary>
    public string Path { get; }

    /// <summary>True when opened by <see cref="Create"/> (ingest allowed).</summary>
    public bool Writable { get; }

    /// <summary>
    /// Opens the fleet database at <paramref name="path"/> for writing, creating the file and its tables when missing.
    /// Throws <see cref="InputFormatException"/> when the file exists but is not a fleet database, and
    /// <see cref="IOException"/> when another process holds it.
    /// </summary>
    public static FleetDatabase Create(string path)
    {
        var connection = Connect(path, readOnly: false);
        try
        {
            FleetSchema.Create(connection, path);
            return new FleetDatabase(connection, path, writable: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing fleet database read-only. Throws <see cref="InputFormatException"/> naming the file when it
    /// does not exist, is not a DuckDB database or not a fleet database of this schema version.
    /// </summary>
    public static FleetDatabase Open(string path, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        if (!File.Exists(path)) throw new InputFormatException(path, "no such fleet database (create one with an ingest)");
        var connection = Connect(path, readOnly: true);
        try
        {
            FleetSchema.Check(connection, path);
            return new FleetDatabase(connection, path, writable: false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static DuckDBConnection Connect(string path, bool readOnly)
    {
        if (Directory.Exists(path)) throw new InputFormatException(path, "is a folder, expected a fleet database file");
        var connection = new DuckDBConnection($"DataSource={path}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
        try
        {
            connection.Open();
            return connection;
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            var message = FirstLine(e.Message);
            if (message.Contains("lock", StringComparison.OrdinalIgnoreCase))
                throw new IOException($"{path}: the fleet database is in use by another process ({message})", e);
            throw new InputFormatException(path, $"is not a DuckDB database ({message})", inner: e);
        }
    }

    /// <summary>
    /// Ingests the files at <paramref name="paths"/> (folders recursively; see <c>docs/fleet.md</c> for how paths and
    /// labels are stored) in batches of <see cref="FleetIngestOptions.BatchSize"/> files, each batch one transaction.
    /// A file whose content is already stored adds nothing (<see cref="FleetIngestStatus.AlreadyPresent"/>); a file that
    /// is not a usable profile is named and skipped (<see cref="FleetIngestStatus.Skipped"/>) while the others are
    /// stored. <paramref name="progress"/> receives each file's row as soon as it is read, before its batch commits
    /// (a batch that then fails is rolled back and the ingest throws). Cancelling rolls back the batch in flight
    /// (<see cref="OperationCanceledException"/>); earlier batches stay. Throws
    /// <see cref="InputFormatException"/> for a path that does not exist (before anything is written) and
    /// <see cref="InvalidOperationException"/> on a database opened read-only.
    /// </summary>
    public FleetIngestReport Ingest(IEnumerable<string> paths, FleetIngestOptions? options = null,
        IProgress<FleetIngestRow>? progress = null, CancellationToken cancel = default)
    {
        if (!Writable) throw new InvalidOperationException($"{Path} was opened read-only; open it with FleetDatabase.Create to ingest");
        var inputs = FleetInputs.Expand(paths);
        return Guard(() => new FleetIngest(_connection).Run(inputs, options ?? new FleetIngestOptions(), progress, cancel));
    }

    /// <summary>
    /// Throws <see cref="InputFormatException"/> naming the first of <paramref name="paths"/> that is neither a file nor a
    /// folder: callers check before <see cref="Create"/>, so a mistyped path creates no database.
    /// </summary>
    public static void CheckInputPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
            if (!File.Exists(path) && !Directory.Exists(path)) throw new InputFormatException(path, "no such file or folder");
    }

    /// <summary>
    /// The profiles matching <paramref name="where"/> (all when null) merged as <c>go tool pprof</c> merges the same
    /// files: identical stacks summed, the largest period, the earliest time, the first profile's (by path) drop/keep
    /// frames (docs/fleet.md). Throws <see cref="ArgumentException"/> when nothing matches, the predicate is
    /// not valid SQL, or the profiles are of different kinds (sample types or period type differ).
    /// </summary>
    public Profile Merge(string? where = null, CancellationToken cancel = default) =>
        Guard(() => FleetMerge.Merge(_connection, Path, where, cancel));

    /// <summary>
    /// <see cref="Profiles.Analyses.Top.Compute"/> over <see cref="Merge"/>: the same rows, numbers and order as
    /// <c>go tool pprof -top -nodefraction=0</c> given the same files.
    /// </summary>
    public TopReport Top(TopOptions? options = null, string? where = null, CancellationToken cancel = default) =>
        GoMemLab.Profiles.Analyses.Top.Compute(Merge(where, cancel), options);

    /// <summary>Growth per label group over profile time with the project's leak verdict; see <see cref="FleetTrend"/>.</summary>
    public IReadOnlyList<FleetTrendRow> Trend(IReadOnlyList<string> by, string? sampleIndex = null, string? where = null) =>
        Guard(() => FleetTrend.Compute(_connection, Path, by, sampleIndex, where));

    /// <summary>
    /// The per-profile series behind <see cref="Trend"/> (one row per profile: the label columns, path, time, minutes since
    /// the group's first profile, total), for charts (<see cref="Charts.FleetCharts.TotalsOverTime"/>).
    /// </summary>
    public DataFrame TrendSeries(IReadOnlyList<string> by, string? sampleIndex = null, string? where = null) =>
        Guard(() => FleetTrend.SeriesFrame(_connection, Path, by, sampleIndex, where));

    /// <summary>
    /// Runs any SQL and returns the result as a DataFrame (column types kept: integers, doubles, booleans, strings,
    /// timestamps; UUIDs and nested values as text). Throws <see cref="ArgumentException"/> with DuckDB's message for
    /// invalid SQL. A database opened with <see cref="Open"/> is read-only: statements that write are refused.
    /// </summary>
    public DataFrame Query(string sql) => Guard(() => FleetQuery.ToDataFrame(_connection, sql));

    /// <summary>
    /// Runs SQL on a fresh in-memory DuckDB, for files rather than a fleet database: reading an export back with
    /// <c>read_parquet('DIR/frames/*/*.parquet', hive_partitioning = true)</c>, or any CSV or Parquet file. Result and
    /// errors as <see cref="Query"/>.
    /// </summary>
    public static DataFrame QueryFiles(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        try
        {
            return FleetQuery.ToDataFrame(connection, sql);
        }
        catch (DuckDBException e)
        {
            throw new ArgumentException(FirstLine(e.Message), e);
        }
    }

    /// <summary>One row per profile (optionally only those matching <paramref name="where"/>): <c>labelled_profiles</c> ordered by
    /// path.</summary>
    public DataFrame Profiles(string? where = null) =>
        Query($"SELECT * FROM labelled_profiles WHERE {FleetMerge.Predicate(where)} ORDER BY path, profile_id");

    /// <summary>Writes hive-partitioned Parquet; see <see cref="FleetExport"/>.</summary>
    public FleetExportResult ExportParquet(string directory, string partitionBy = "service") =>
        Guard(() => FleetExport.Write(_connection, directory, partitionBy));

    /// <summary>DuckDB's errors about SQL a user wrote are argument errors: one line, the user's to fix.</summary>
    private T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (DuckDBException e)
        {
            throw new ArgumentException($"{Path}: {FirstLine(e.Message)}", e);
        }
    }

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    public void Dispose() => _connection.Dispose();
}

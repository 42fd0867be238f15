using DuckDB.NET.Data;

namespace GoMemLab.Fleet;

/// <summary>What <see cref="FleetExport"/> wrote: the datasets (folder names under the export folder) and their row counts.</summary>
public sealed record FleetExportResult(string Directory, string PartitionBy, long Profiles, long Frames, IReadOnlyList<string> Files);

/// <summary>
/// Writes a fleet database as hive-partitioned Parquet that Spark, Trino and DuckDB read as it is:
/// <list type="bullet">
/// <item><c>DIR/profiles/service=…/data_0.parquet</c>: <c>labelled_profiles</c> (one row per profile, a column per label);</item>
/// <item><c>DIR/frames/service=…/data_0.parquet</c>: <c>sample_frames</c> with the profile's path, time and labels (one row per
/// frame of each sample: function, file, line, is_leaf, inlined, and a column per sample type).</item>
/// </list>
/// The partition label (default <c>service</c>) becomes the folder level and leaves the files, as hive layout wants;
/// profiles without it land in <c>service=__HIVE_DEFAULT_PARTITION__</c> (Spark's name for a null partition).
/// Reads: DuckDB <c>SELECT * FROM read_parquet('DIR/frames/*/*.parquet', hive_partitioning = true)</c>;
/// Spark <c>spark.read.parquet("DIR/frames")</c>.
/// </summary>
public static class FleetExport
{
    internal static FleetExportResult Write(DuckDBConnection connection, string directory, string partitionBy)
    {
        if (string.IsNullOrWhiteSpace(partitionBy)) throw new ArgumentException("the partition label is empty");
        // Never write into (or over) a folder that holds anything: an export only ever creates.
        if (File.Exists(directory)) throw new ArgumentException($"{directory} is a file; give a new folder to export to");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new ArgumentException($"{directory} exists and is not empty; give a new folder to export to");
        var labels = FleetSchema.LabelColumns(connection);
        var column = labels.FirstOrDefault(l => l.Key == partitionBy).Column;
        var others = labels.Where(l => l.Key != partitionBy).Select(l => "p." + Sql.Quote(l.Column)).ToList();
        var partition = (column is null ? "NULL::VARCHAR" : "p." + Sql.Quote(column)) + " AS " + Sql.Quote(partitionBy);

        var profilesQuery = $"SELECT p.* {(column is null ? "" : $"EXCLUDE ({Sql.Quote(column)})")}, {partition} FROM labelled_profiles p";
        var framesQuery = $"SELECT f.*, p.path, p.time{string.Concat(others.Select(o => ", " + o))}, {partition} "
            + "FROM sample_frames f JOIN labelled_profiles p USING (profile_id)";
        Directory.CreateDirectory(directory);
        foreach (var (name, query) in new[] { ("profiles", profilesQuery), ("frames", framesQuery) })
        {
            var target = Path.Combine(directory, name);
            Sql.Execute(connection, $"COPY ({query}) TO {Sql.Literal(target)} (FORMAT parquet, PARTITION_BY ({Sql.Quote(partitionBy)}))");
        }
        var files = Directory.EnumerateFiles(directory, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var profiles = Convert.ToInt64(Sql.Scalar(connection, "SELECT count(*) FROM profiles"));
        var frames = Convert.ToInt64(Sql.Scalar(connection, "SELECT count(*) FROM sample_frames"));
        return new FleetExportResult(directory, partitionBy, profiles, frames, files);
    }
}

using Microsoft.Data.Analysis;

namespace GoMemLab.Fleet;

/// <summary>What ingesting one file did.</summary>
public enum FleetIngestStatus
{
    /// <summary>Stored as a new profile.</summary>
    Ingested,
    /// <summary>A profile with the same content (SHA-256 of the file) is already in the database: nothing added.</summary>
    AlreadyPresent,
    /// <summary>Not a usable profile (corrupt, truncated, another format): nothing added, the reason is in the detail.</summary>
    Skipped,
}

/// <summary>Lower-case words for <see cref="FleetIngestStatus"/>, as tables print them.</summary>
public static class FleetIngestStatusText
{
    /// <summary><c>ingested</c>, <c>already present</c> or <c>skipped</c>.</summary>
    public static string ToText(this FleetIngestStatus status) => status switch
    {
        FleetIngestStatus.Ingested => "ingested",
        FleetIngestStatus.AlreadyPresent => "already present",
        FleetIngestStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// One file of an ingest: the path as given (folder argument joined with the path below it), the path stored
/// (relative to the ingest root), what happened, the profile id (for new and already present profiles), the
/// batch it was committed in, its sample count, and a detail (the error for a skipped file, the earlier path for a duplicate).
/// </summary>
public sealed record FleetIngestRow(string File, string StoredPath, FleetIngestStatus Status, int? ProfileId, int Batch, int Samples,
    string Detail);

/// <summary>The result of <see cref="FleetDatabase.Ingest"/>: one row per file, in the order they were read.</summary>
public sealed record FleetIngestReport(IReadOnlyList<FleetIngestRow> Rows)
{
    public int Ingested => Rows.Count(r => r.Status == FleetIngestStatus.Ingested);
    public int AlreadyPresent => Rows.Count(r => r.Status == FleetIngestStatus.AlreadyPresent);
    public int Skipped => Rows.Count(r => r.Status == FleetIngestStatus.Skipped);

    /// <summary>Columns file, path, status, profile_id, batch, samples, detail.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("file", Rows.Select(r => r.File)),
        new StringDataFrameColumn("path", Rows.Select(r => r.StoredPath)),
        new StringDataFrameColumn("status", Rows.Select(r => r.Status.ToText())),
        new Int32DataFrameColumn("profile_id", Rows.Select(r => r.ProfileId)),
        new Int32DataFrameColumn("batch", Rows.Select(r => r.Batch)),
        new Int32DataFrameColumn("samples", Rows.Select(r => r.Samples)),
        new StringDataFrameColumn("detail", Rows.Select(r => r.Detail)));

    /// <summary>"N ingested, N already present, N skipped".</summary>
    public override string ToString() => $"{Ingested} ingested, {AlreadyPresent} already present, {Skipped} skipped";
}

/// <summary>Options of <see cref="FleetDatabase.Ingest"/>.</summary>
public sealed record FleetIngestOptions
{
    /// <summary>Files per transaction (default 200): a batch is committed whole or not at all.</summary>
    public int BatchSize { get; init; } = 200;
}

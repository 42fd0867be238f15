using GoMemLab.Fleet;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Fleet;

/// <summary>
/// data/artifacts/fleet (real heap profiles of six leaky and churn pods, data/gen/65-fleet.sh) ingested once into a
/// temporary fleet database, shared by a test class; deleted when disposed.
/// </summary>
public sealed class CommittedFleet : IDisposable
{
    private readonly TempDirectory _folder = new();

    public CommittedFleet()
    {
        DatabasePath = _folder.File("fleet.duckdb");
        using var fleet = FleetDatabase.Create(DatabasePath);
        Ingest = fleet.Ingest([Folder]);
    }

    public static string Folder => RepoPaths.Artifact("fleet");

    public string DatabasePath { get; }

    public FleetIngestReport Ingest { get; }

    /// <summary>The fleet's profiles under <paramref name="relativeFolder"/> (of artifacts/fleet), as the ingest stored their
    /// paths.</summary>
    public static List<string> StoredPaths(string relativeFolder = ".") =>
        Directory.EnumerateFiles(Path.Combine(Folder, relativeFolder), "*.pb.gz", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    public void Dispose() => _folder.Dispose();
}

using System.Security.Cryptography;
using GoMemLab.Fleet;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Fleet;

/// <summary>Ingest on the real committed fleet: what it stores, idempotence, corrupt files among good ones, and rollback of a failed
/// batch.</summary>
public class FleetIngestTests
{
    [Fact]
    public void Stores_every_profile_with_its_path_labels_content_hash_and_values()
    {
        using var dir = new TempDirectory();
        var database = dir.File("fleet.duckdb");
        using (var fleet = FleetDatabase.Create(database))
        {
            var report = fleet.Ingest([CommittedFleet.Folder]);
            Assert.Equal(CommittedFleet.StoredPaths().Count, report.Ingested);
            Assert.Equal(0, report.Skipped + report.AlreadyPresent);
            Assert.Equal(CommittedFleet.StoredPaths(), report.Rows.Select(r => r.StoredPath).ToList());
        }
        using var db = FleetDatabase.Open(database);
        var profiles = db.Profiles();
        var paths = profiles.Columns["path"].Cast<string>().ToList();
        var hashes = profiles.Columns["content_hash"].Cast<string>().ToList();
        for (var i = 0; i < paths.Count; i++)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(CommittedFleet.Folder, paths[i])))),
                hashes[i]);
        // Labels from the key=value folders, one column each.
        Assert.Equal(CommittedFleet.StoredPaths("service=leaky").Count, FleetChecks.Scalar(database,
            "SELECT count(*) FROM labelled_profiles WHERE service = 'leaky'"));
        Assert.Equal(CommittedFleet.StoredPaths("service=churn/load=low").Count,
            FleetChecks.Scalar(database, "SELECT count(*) FROM labelled_profiles WHERE service = 'churn' AND load = 'low'"));
        Assert.Equal(6, FleetChecks.Scalar(database, "SELECT count(DISTINCT pod) FROM labelled_profiles"));
        // leaky and churn set runtime.MemProfileRate to their -mem-profile-rate default, 128 KiB: the heap profile's period.
        Assert.Equal(0, FleetChecks.Scalar(database,
            "SELECT count(*) FROM profiles WHERE time IS NULL OR period <> 131072 OR period_type <> 'space/bytes'"));
        Assert.Equal(0, FleetChecks.Scalar(database,
            "SELECT count(*) FROM profiles WHERE sample_types <> "
                + "'alloc_objects/count,alloc_space/bytes,inuse_objects/count,inuse_space/bytes'"));
        // The values: their sum over the fleet is the total go tool pprof printed for the merge of every file.
        Assert.Equal(GoMemLab.Tests.Profiles.PprofTopGolden.Total(RepoPaths.Data("golden", "fleet", "all.inuse_space.functions.txt")),
            FleetChecks.Scalar(database, "SELECT sum(inuse_space) FROM samples"));
        Assert.Equal(GoMemLab.Tests.Profiles.PprofTopGolden.Total(RepoPaths.Data("golden", "fleet", "all.alloc_objects.functions.txt")),
            FleetChecks.Scalar(database, "SELECT sum(alloc_objects) FROM samples"));
        // Go labels heap samples with their object size (a numeric label, when the size is known): stored per sample.
        var labelled = CommittedFleet.StoredPaths().Sum(p =>
        {
            var samples = GoMemLab.Profiles.Profile.Load(Path.Combine(CommittedFleet.Folder, p)).Samples;
            return Enumerable.Range(0, samples.Count).Count(s => samples.Labels(s).Any(l => l.Key == "bytes" && !l.IsString
                && l.Number > 0));
        });
        Assert.True(labelled > 100);
        Assert.Equal(labelled, FleetChecks.Scalar(database,
            "SELECT count(*) FROM samples s JOIN sample_labels l USING (label_set_id) WHERE l.key = 'bytes' AND l.str IS "
                + "NULL AND l.num > 0"));
        FleetChecks.AssertConsistent(database);
    }

    [Fact]
    public void Ingesting_the_same_content_again_adds_nothing_and_names_the_stored_copy()
    {
        using var dir = new TempDirectory();
        var database = dir.File("fleet.duckdb");
        using var fleet = FleetDatabase.Create(database);
        fleet.Ingest([CommittedFleet.Folder]);
        var before = FleetChecks.TableCounts(database);

        var again = fleet.Ingest([CommittedFleet.Folder]);
        Assert.All(again.Rows, r => Assert.Equal(FleetIngestStatus.AlreadyPresent, r.Status));

        // A copy under another name is the same content.
        var copy = dir.File("copy.pb.gz");
        var original = CommittedFleet.StoredPaths("service=leaky")[0];
        File.Copy(Path.Combine(CommittedFleet.Folder, original), copy);
        var row = Assert.Single(fleet.Ingest([copy]).Rows);
        Assert.Equal(FleetIngestStatus.AlreadyPresent, row.Status);
        Assert.Equal($"same content as {original}", row.Detail);
        Assert.Equal(before, FleetChecks.TableCounts(database));
    }

    [Fact]
    public void A_corrupt_file_among_many_is_named_and_skipped_and_the_rest_are_stored()
    {
        using var dir = new TempDirectory();
        var input = dir.File("in");
        CopyFolder(CommittedFleet.Folder, input);
        var bad = Path.Combine(input, "service=leaky", "load=high", "pod=leaky-1");
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs", "pprof-truncated-gzip.pb.gz"),
            Path.Combine(bad, "heap-truncated.pb.gz"));
        File.Copy(RepoPaths.Artifact("escape", "leaky-m1.txt"), Path.Combine(bad, "notes.txt"));
        File.WriteAllBytes(Path.Combine(bad, "empty.pb.gz"), []);

        var database = dir.File("fleet.duckdb");
        using var fleet = FleetDatabase.Create(database);
        var report = fleet.Ingest([input], new FleetIngestOptions { BatchSize = 7 });
        Assert.Equal(CommittedFleet.StoredPaths().Count, report.Ingested);
        var skipped = report.Rows.Where(r => r.Status == FleetIngestStatus.Skipped).ToDictionary(r => Path.GetFileName(r.File));
        Assert.Equal(["empty.pb.gz", "heap-truncated.pb.gz", "notes.txt"], skipped.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("empty file", skipped["empty.pb.gz"].Detail);
        Assert.Contains("gzip", skipped["heap-truncated.pb.gz"].Detail, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(Path.Combine(input, "service=leaky").Replace('\\', '/'), skipped["notes.txt"].File);
        Assert.Equal(CommittedFleet.StoredPaths().Count, FleetChecks.Scalar(database, "SELECT count(*) FROM profiles"));
        FleetChecks.AssertConsistent(database);
    }

    [Fact]
    public void A_batch_that_fails_midway_is_rolled_back_whole_and_the_next_ingest_completes_it()
    {
        using var dir = new TempDirectory();
        var database = dir.File("fleet.duckdb");
        var total = CommittedFleet.StoredPaths().Count;
        using (var fleet = FleetDatabase.Create(database))
        {
            using var cancel = new CancellationTokenSource();
            var seen = 0;
            // Cancelled after the 13th file: batch 1 (10 files) is committed, batch 2 has appended 3 profiles.
            var progress = new InlineProgress<FleetIngestRow>(_ => { if (++seen == 13) cancel.Cancel(); });
            Assert.Throws<OperationCanceledException>(() =>
                fleet.Ingest([CommittedFleet.Folder], new FleetIngestOptions { BatchSize = 10 }, progress, cancel.Token));
            Assert.Equal(13, seen);
        }
        Assert.Equal(10, FleetChecks.Scalar(database, "SELECT count(*) FROM profiles"));
        Assert.Equal(1, FleetChecks.Scalar(database, "SELECT max(batch) FROM profiles"));
        FleetChecks.AssertConsistent(database);

        using (var fleet = FleetDatabase.Create(database))
        {
            var report = fleet.Ingest([CommittedFleet.Folder], new FleetIngestOptions { BatchSize = 10 });
            Assert.Equal(10, report.AlreadyPresent);
            Assert.Equal(total - 10, report.Ingested);
        }
        Assert.Equal(total, FleetChecks.Scalar(database, "SELECT count(*) FROM profiles"));
        Assert.Equal(total, FleetChecks.Scalar(database, "SELECT max(profile_id) FROM profiles"));
        FleetChecks.AssertConsistent(database);
    }

    [Fact]
    public void Opening_a_file_that_is_no_fleet_database_names_it()
    {
        var profile = RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz");
        var notDuck = Assert.Throws<InputFormatException>(() => FleetDatabase.Open(profile));
        Assert.StartsWith(profile + ": is not a DuckDB database", notDuck.Message);
        var missing = Assert.Throws<InputFormatException>(() => FleetDatabase.Open("no-such.duckdb"));
        Assert.Equal("no-such.duckdb: no such fleet database (create one with an ingest)", missing.Message);

        using var dir = new TempDirectory();
        var other = dir.File("other.duckdb");
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"DataSource={other}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }
        var notFleet = Assert.Throws<InputFormatException>(() => FleetDatabase.Open(other));
        Assert.Equal($"{other}: is a DuckDB database but not a GoMemLab fleet (it has no fleet_info table)", notFleet.Message);
        Assert.Throws<InputFormatException>(() => FleetDatabase.Create(dir.Path).Dispose());
    }


    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

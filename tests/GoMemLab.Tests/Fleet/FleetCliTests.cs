using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Fleet;

/// <summary>`gomemlab fleet …` as a user runs it: contract columns, exit codes, one-line errors naming the file.</summary>
public class FleetCliTests
{
    [Fact]
    public void Ingest_then_top_prints_the_same_table_as_pprof_top_on_the_same_profile()
    {
        using var dir = new TempDirectory();
        var database = dir.File("fleet.duckdb");
        var (exit, stdout, stderr) = GomemlabCli.Run("fleet", "ingest", CommittedFleet.Folder, "--db", database, "--format", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("file,path,status,profile_id,batch,samples,detail\n", stdout);
        Assert.Equal($"gomemlab: {CommittedFleet.StoredPaths().Count} ingested, 0 already present, 0 skipped into {database}\n", stderr);

        // One profile selected by its path: fleet top and pprof top print the same CSV, byte for byte.
        var one = CommittedFleet.StoredPaths("service=leaky/load=high/pod=leaky-1")[^1];
        foreach (var index in new[] { "inuse_space", "alloc_objects" })
        {
            var fleetTop = GomemlabCli.Run("fleet", "top", database, "--sample-index", index, "--granularity", "lines", "--where",
                $"path = '{one}'", "--format", "csv");
            var pprofTop = GomemlabCli.Run("pprof", "top", Path.Combine(CommittedFleet.Folder, one), "--sample-index", index,
                "--granularity", "lines", "--format", "csv");
            Assert.Equal(0, fleetTop.Exit);
            Assert.StartsWith("name,flat,flat_pct,sum_pct,cum,cum_pct,inline\n", fleetTop.Stdout);
            Assert.Equal(pprofTop.Stdout, fleetTop.Stdout);
        }

        var again = GomemlabCli.Run("fleet", "ingest", CommittedFleet.Folder, "--db", database, "--format", "csv");
        Assert.Equal(0, again.Exit);
        Assert.Contains($"0 ingested, {CommittedFleet.StoredPaths().Count} already present", again.Stderr);
    }

    [Fact]
    public void A_bad_file_is_one_line_naming_it_and_exit_2_while_the_others_are_stored()
    {
        using var dir = new TempDirectory();
        var input = dir.File("in");
        Directory.CreateDirectory(Path.Combine(input, "service=leaky"));
        var good = CommittedFleet.StoredPaths("service=leaky").Take(3).ToList();
        foreach (var p in good) File.Copy(Path.Combine(CommittedFleet.Folder, p), Path.Combine(input, "service=leaky",
            Path.GetFileName(p) + "-" + good.IndexOf(p)));
        File.Copy(RepoPaths.Artifact("escape", "leaky-m1.txt"), Path.Combine(input, "service=leaky", "m1.txt"));
        var database = dir.File("fleet.duckdb");
        var (exit, _, stderr) = GomemlabCli.Run("fleet", "ingest", input, "--db", database);
        Assert.Equal(2, exit);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"gomemlab: {input}/service=leaky/m1.txt: ", lines[0]);
        Assert.EndsWith("(skipped)", lines[0]);
        Assert.Equal($"gomemlab: 3 ingested, 0 already present, 1 skipped into {database}", lines[1]);
        Assert.Equal(3, FleetChecks.Scalar(database, "SELECT count(*) FROM profiles"));
    }

    [Fact]
    public void Errors_on_the_database_or_the_arguments_are_one_line_and_exit_2()
    {
        var profile = RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz");
        using var dir = new TempDirectory();
        var cases = new[]
        {
            (new[] { "fleet", "top", "no-such.duckdb" }, "gomemlab: no-such.duckdb: no such fleet database (create one with an ingest)"),
            (new[] { "fleet", "top", profile }, $"gomemlab: {profile}: is not a DuckDB database"),
            (new[] { "fleet", "ingest", "no-such-folder", "--db", dir.File("x.duckdb") },
                "gomemlab: no-such-folder: no such file or folder"),
            (new[] { "fleet", "sql", "no-such.duckdb", "SELECT 1" }, "gomemlab: no-such.duckdb: no such fleet database"),
        };
        foreach (var (arguments, start) in cases)
        {
            var (exit, stdout, stderr) = GomemlabCli.Run(arguments);
            Assert.Equal(2, exit);
            Assert.Equal("", stdout);
            Assert.StartsWith(start, stderr);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        }
        // A mistyped input path creates no database.
        Assert.False(File.Exists(dir.File("x.duckdb")));
    }

    [Fact]
    public void Sql_trend_and_export_print_tables()
    {
        using var dir = new TempDirectory();
        var database = dir.File("fleet.duckdb");
        Assert.Equal(0, GomemlabCli.Run("fleet", "ingest", CommittedFleet.Folder, "--db", database).Exit);

        var sql = GomemlabCli.Run("fleet", "sql", database,
            "SELECT service, count(*) AS n FROM labelled_profiles GROUP BY service ORDER BY service", "--format", "csv");
        Assert.Equal(0, sql.Exit);
        var (churn, leaky) = (CommittedFleet.StoredPaths("service=churn").Count, CommittedFleet.StoredPaths("service=leaky").Count);
        Assert.Equal($"service,n\nchurn,{churn}\nleaky,{leaky}\n", sql.Stdout);
        var badSql = GomemlabCli.Run("fleet", "sql", database, "SELEC 1");
        Assert.Equal(2, badSql.Exit);
        Assert.StartsWith($"gomemlab: {database}: Parser Error", badSql.Stderr);

        var trend = GomemlabCli.Run("fleet", "trend", database, "--by", "service", "--format", "csv");
        Assert.Equal(0, trend.Exit);
        Assert.StartsWith("service,profiles,first_time,last_time,metric,unit,points,span,time_unit,level,slope,change,r_squared,"
            + "threshold,verdict,evidence\n", trend.Stdout);

        var export = GomemlabCli.Run("fleet", "export", database, "--parquet", dir.File("parquet"));
        Assert.Equal(0, export.Exit);
        Assert.Contains("partitions service=churn, service=leaky", export.Stdout);
        Assert.True(File.Exists(dir.File("parquet/profiles/service=churn/data_0.parquet")));
    }
}

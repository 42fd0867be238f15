using GoMemLab.Fleet;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Fleet;

/// <summary>trend, sql and the Parquet export on the committed fleet.</summary>
public class FleetAnalysisTests(CommittedFleet fleet) : IClassFixture<CommittedFleet>
{
    [Fact]
    public void Trend_groups_profiles_by_label_and_judges_each_series_with_the_leak_signal_rule()
    {
        using var db = FleetDatabase.Open(fleet.DatabasePath);
        var rows = db.Trend(["service", "pod"]);
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            var folder = Directory.GetDirectories(CommittedFleet.Folder, $"pod={row.Group[1]}", SearchOption.AllDirectories).Single();
            Assert.Contains($"service={row.Group[0]}", folder);
            // The same series built independently: each file loaded, its pprof total (Top's, checked against go tool pprof), time order.
            var series = Directory.GetFiles(folder, "*.pb.gz").Select(f => Profile.Load(f)).OrderBy(p => p.TimeNanos).ToList();
            Assert.Equal(series.Count, row.Profiles);
            var minutes = series.Select(p => (p.Time!.Value - series[0].Time!.Value).TotalMinutes).ToList();
            var megabytes = series.Select(p => Top.ComputeTotal(p, 3) / (double)(1 << 20)).ToList();
            var expected = LeakSignal.Assess("inuse_space_mb", "MB", "min", minutes, megabytes, 1);
            Assert.Equal(expected.Verdict, row.Signal.Verdict);
            Assert.Equal(expected.Points, row.Signal.Points);
            Assert.Equal(expected.Level, row.Signal.Level, 9);
            Assert.Equal(expected.Span, row.Signal.Span, 4);
            if (double.IsFinite(expected.Slope)) Assert.Equal(expected.Slope, row.Signal.Slope, 1);
        }
        var frame = FleetTrend.ToDataFrame(["service", "pod"], rows);
        Assert.Equal(["service", "pod", "profiles", "first_time", "last_time", "metric", "unit", "points", "span", "time_unit", "level",
            "slope", "change",
            "r_squared", "threshold", "verdict", "evidence"], frame.Columns.Select(c => c.Name));

        var objects = db.Trend(["service"], "alloc_objects", "load = 'high'");
        Assert.Equal(["churn", "leaky"], objects.Select(r => r.Group[0]));
        Assert.All(objects, r => Assert.Equal("alloc_objects", r.Signal.Metric));
        // alloc_* counts only grow.
        Assert.All(objects, r => Assert.Equal(LeakVerdict.Growing, r.Signal.Verdict));
        var unknown = Assert.Throws<ArgumentException>(() => db.Trend(["team"]));
        Assert.Equal("no profile has a label \"team\"; labels: load, pod, service", unknown.Message);
    }

    [Fact]
    public void Sql_returns_typed_columns_and_bad_or_writing_sql_is_one_argument_error()
    {
        using var db = FleetDatabase.Open(fleet.DatabasePath);
        var frame = db.Query("SELECT service, count(*) AS profiles, sum(sample_count) AS samples, min(time) AS first FROM "
            + "labelled_profiles GROUP BY service ORDER BY service");
        Assert.Equal(["churn", "leaky"], frame.Columns["service"].Cast<string>());
        Assert.Equal(typeof(long), frame.Columns["profiles"].DataType);
        Assert.Equal(typeof(long), frame.Columns["samples"].DataType);
        Assert.Equal(typeof(DateTime), frame.Columns["first"].DataType);
        Assert.Equal(CommittedFleet.StoredPaths("service=leaky").Count, (long)frame.Columns["profiles"][1]!);

        // The flattened view: every sample has one leaf frame, so the leaf rows add up to pprof's total.
        var leaf = db.Query("SELECT sum(inuse_space) AS total FROM sample_frames WHERE is_leaf");
        Assert.Equal(db.Top(new TopOptions { SampleIndex = "inuse_space" }).Total, (long)leaf.Columns["total"][0]!);

        var bad = Assert.Throws<ArgumentException>(() => db.Query("SELECT nope FROM profiles"));
        Assert.StartsWith(fleet.DatabasePath + ": ", bad.Message);
        Assert.DoesNotContain('\n', bad.Message);
        Assert.Throws<ArgumentException>(() => db.Query("DELETE FROM profiles"));
        Assert.Equal(CommittedFleet.StoredPaths().Count, FleetChecks.Scalar(fleet.DatabasePath, "SELECT count(*) FROM profiles"));
        var badWhere = Assert.Throws<ArgumentException>(() => db.Top(where: "servce = 'leaky'"));
        Assert.Contains("servce", badWhere.Message);
        var none = Assert.Throws<ArgumentException>(() => db.Top(where: "service = 'nginx'"));
        Assert.Equal($"{fleet.DatabasePath}: no profile matches service = 'nginx'", none.Message);
    }

    [Fact]
    public void Parquet_export_is_hive_partitioned_and_reads_back_through_duckdb()
    {
        using var dir = new TempDirectory();
        var target = dir.File("export");
        using var db = FleetDatabase.Open(fleet.DatabasePath);
        var result = db.ExportParquet(target);
        Assert.Contains("frames/service=leaky/data_0.parquet", result.Files);
        Assert.Contains("frames/service=churn/data_0.parquet", result.Files);
        Assert.Contains("profiles/service=leaky/data_0.parquet", result.Files);

        // Read back by a separate in-memory DuckDB, the documented one-line read.
        static long Read(string sql) => (long)FleetDatabase.QueryFiles(sql).Columns[0][0]!;
        var frames = $"read_parquet('{target}/frames/*/*.parquet', hive_partitioning = true)";
        var profiles = $"read_parquet('{target}/profiles/*/*.parquet', hive_partitioning = true)";
        Assert.Equal(result.Frames, Read($"SELECT count(*) FROM {frames}"));
        Assert.Equal(CommittedFleet.StoredPaths().Count, Read($"SELECT count(*) FROM {profiles}"));
        Assert.Equal(CommittedFleet.StoredPaths("service=leaky").Count, Read($"SELECT count(*) FROM {profiles} WHERE service = 'leaky'"));
        var leakyTotal = db.Top(new TopOptions { SampleIndex = "inuse_space" }, "service = 'leaky'").Total;
        Assert.Equal(leakyTotal, Read($"SELECT sum(inuse_space) FROM {frames} WHERE service = 'leaky' AND is_leaf"));
        Assert.Equal(CommittedFleet.StoredPaths("service=leaky/load=low").Count,
            Read($"SELECT count(DISTINCT path) FROM {frames} WHERE service = 'leaky' AND load = 'low'"));

        // An export never writes into a folder that holds something.
        var again = Assert.Throws<ArgumentException>(() => db.ExportParquet(target));
        Assert.Equal($"{target} exists and is not empty; give a new folder to export to", again.Message);
    }
}

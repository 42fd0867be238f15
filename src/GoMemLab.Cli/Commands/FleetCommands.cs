using System.CommandLine;
using GoMemLab.Fleet;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tables;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab fleet ingest|top|trend|sql|export`: many profiles in one embedded DuckDB file (<see cref="FleetDatabase"/>).
/// The work is the core's; these only parse, print and map errors to exit codes.
/// </summary>
public static class FleetCommands
{
    public static Command Create()
    {
        var command = new Command("fleet",
            "Many profiles at once (every pod, every hour) in an embedded DuckDB file; Parquet for Spark. Schema: docs/fleet.md.");
        command.Subcommands.Add(IngestCommand());
        command.Subcommands.Add(TopCommand());
        command.Subcommands.Add(TrendCommand());
        command.Subcommands.Add(SqlCommand());
        command.Subcommands.Add(ExportCommand());
        return command;
    }

    private static Argument<string> Database() => new("db") { Description = "The fleet database file (made by `fleet ingest`)." };

    private static Option<string?> Where() => new("--where")
    {
        Description = "Only profiles matching this SQL predicate on their labels and columns, e.g. \"service = 'leaky' AND "
            + "load = 'high'\".",
    };

    private static Command IngestCommand()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Profile files or folders (walked recursively; key=value folders become labels).",
            Arity = ArgumentArity.OneOrMore,
        };
        var database = new Option<string>("--db") { Description = "The fleet database file; created when missing.", Required = true };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Files per transaction (default 200): each batch is stored whole or not at all.",
            DefaultValueFactory = _ => 200,
        };
        var format = CommonOptions.Format();
        var command = new Command("ingest",
            "Store profiles in a fleet database: labels from key=value folders and the profiles' own labels; the same content "
            + "is stored once; each batch is one transaction; a file that is not a profile is named on stderr and skipped (exit 2, no "
                + "table) while the rest are stored.")
        {
            paths, database, batchSize, format,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CliRun.Guard(() =>
        {
            if (parse.GetValue(batchSize) < 1) throw new ArgumentException("--batch-size must be at least 1");
            var path = parse.GetValue(database)!;
            FleetDatabase.CheckInputPaths(parse.GetValue(paths)!);
            using var fleet = FleetDatabase.Create(path);
            var report = fleet.Ingest(parse.GetValue(paths)!, new FleetIngestOptions { BatchSize = parse.GetValue(batchSize) },
                cancel: cancel);
            foreach (var row in report.Rows.Where(r => r.Status == FleetIngestStatus.Skipped))
                Console.Error.WriteLine($"gomemlab: {row.File}: {row.Detail} (skipped)");
            Console.Error.WriteLine($"gomemlab: {report} into {path}");
            // Exit 2 and only the lines above when a file was skipped, as for any bad input; the good files are stored.
            if (report.Skipped > 0) return CliRun.UsageOrInputError;
            return CommonOptions.Print(report.ToDataFrame(), parse.GetValue(format));
        })));
        return command;
    }

    private static Command TopCommand()
    {
        var database = Database();
        var sampleIndex = new Option<string?>("--sample-index")
        {
            Description = "Sample type, e.g. alloc_space, inuse_objects (default: the profiles' default, inuse_space for heap).",
        };
        var where = Where();
        var granularity = new Option<Granularity>("--granularity")
        {
            Description = "Node granularity: functions, lines or files.",
            DefaultValueFactory = _ => Granularity.Functions,
        };
        var nodeCount = new Option<int>("--nodecount") { Description = "Show at most N nodes (0: all).", DefaultValueFactory = _ => 0 };
        var format = CommonOptions.Format();
        var command = new Command("top",
            "`pprof top` over the merged profiles: the same columns and numbers as `go tool pprof -top -nodefraction=0` given "
                + "the same files.")
        {
            database, sampleIndex, where, granularity, nodeCount, format,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CliRun.Guard(() =>
        {
            if (parse.GetValue(granularity) == Granularity.Addresses) throw new ArgumentException("--granularity must be "
                + "functions, lines or files");
            if (parse.GetValue(nodeCount) < 0) throw new ArgumentException("--nodecount must be 0 (all) or positive");
            using var fleet = FleetDatabase.Open(parse.GetValue(database)!, cancel);
            var report = fleet.Top(new TopOptions
            {
                SampleIndex = parse.GetValue(sampleIndex),
                Granularity = parse.GetValue(granularity),
                NodeCount = parse.GetValue(nodeCount),
            }, parse.GetValue(where), cancel);
            var tableFormat = parse.GetValue(format);
            var frame = report.ToContractDataFrame();
            if (tableFormat == TableFormat.Table) frame.Columns.Add(report.ToDataFrame().Columns["partial_inline"]);
            return CommonOptions.Print(frame, tableFormat);
        })));
        return command;
    }

    private static Command TrendCommand()
    {
        var database = Database();
        var by = new Option<string>("--by")
        {
            Description = "Label(s) to group by, comma-separated, e.g. service or service,pod.",
            Required = true,
        };
        var sampleIndex = new Option<string?>("--sample-index")
        {
            Description = "Sample type whose per-profile total is followed (default: inuse_space for heap).",
        };
        var where = Where();
        var format = CommonOptions.Format();
        var command = new Command("trend",
            "Growth per label group over profile time: each profile's total, a Theil-Sen line over minutes, and the verdict (growing, "
                + "steady, shrinking).")
        {
            database, by, sampleIndex, where, format,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CliRun.Guard(() =>
        {
            var labels = parse.GetValue(by)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (labels.Length == 0) throw new ArgumentException("--by needs a label name");
            using var fleet = FleetDatabase.Open(parse.GetValue(database)!, cancel);
            var rows = fleet.Trend(labels, parse.GetValue(sampleIndex), parse.GetValue(where));
            return CommonOptions.Print(FleetTrend.ToDataFrame(labels, rows), parse.GetValue(format));
        })));
        return command;
    }

    private static Command SqlCommand()
    {
        var database = Database();
        var sql = new Argument<string>("sql")
        {
            Description = "A SQL query (DuckDB dialect) over the tables and views of docs/fleet.md; the database is opened read-only.",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("sql",
            "Any question the other commands do not answer: SQL over the fleet tables (profiles, labelled_profiles, sample_frames, …).")
        {
            database, sql, format, output,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CliRun.Guard(() =>
        {
            using var fleet = FleetDatabase.Open(parse.GetValue(database)!, cancel);
            return CommonOptions.Print(fleet.Query(parse.GetValue(sql)!), parse.GetValue(format), parse.GetValue(output));
        })));
        return command;
    }

    private static Command ExportCommand()
    {
        var database = Database();
        var parquet = new Option<string>("--parquet")
        {
            Description = "The folder to create (it must not exist or be empty): profiles/ and frames/, hive-partitioned.",
            Required = true,
        };
        var partitionBy = new Option<string>("--partition-by")
        {
            Description = "The label that becomes the folder level (default service).",
            DefaultValueFactory = _ => "service",
        };
        var command = new Command("export",
            "Write hive-partitioned Parquet (DIR/frames/service=…/data_0.parquet, DIR/profiles/…) that Spark "
                + "(spark.read.parquet(\"DIR/frames\")) and DuckDB read as it is.")
        {
            database, parquet, partitionBy,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CliRun.Guard(() =>
        {
            using var fleet = FleetDatabase.Open(parse.GetValue(database)!, cancel);
            var result = fleet.ExportParquet(parse.GetValue(parquet)!, parse.GetValue(partitionBy)!);
            var partitions = result.Files.Select(f => f.Split('/')[1]).Distinct().Order(StringComparer.Ordinal);
            Console.WriteLine($"wrote {result.Directory}: {result.Profiles} profiles (profiles/) and {result.Frames} frame rows (frames/) "
                + $"in {result.Files.Count} Parquet files, partitions {string.Join(", ", partitions)}");
            return 0;
        })));
        return command;
    }
}

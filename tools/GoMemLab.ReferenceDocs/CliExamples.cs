using System.Text.RegularExpressions;
using GoMemLab.Live;
using static GoMemLab.ReferenceDocs.CliExample;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// The invocation and the error cases each command's reference page runs: one entry per leaf command (the
/// generator fails on a command without one). Errors are (a) a missing path, (b) a file of the wrong format and
/// (c) a bad option value, where the command takes them.
/// </summary>
public static partial class CliExamples
{
    private const string Heap = "data/artifacts/heap/leaky-heap-4.pb.gz";
    private const string HeapSeries = "data/artifacts/heap/leaky-heap-1.pb.gz data/artifacts/heap/leaky-heap-2.pb.gz "
        + "data/artifacts/heap/leaky-heap-3.pb.gz data/artifacts/heap/leaky-heap-4.pb.gz";
    private const string EscapeM1 = "data/artifacts/escape/leaky-m1.txt";
    private const string EscapeM2 = "data/artifacts/escape/leaky-m2.txt";
    private const string Asm = "data/artifacts/escape/leaky-asm.txt";
    private const string GcTraceLog = "data/artifacts/telemetry/leaky-gctrace.log";
    private const string MemStatsLines = "data/artifacts/telemetry/leaky-memstats.jsonl";
    private const string Fleet = "data/artifacts/fleet";

    private static CliErrorCase Missing(string commandLine) => new("Missing path", Args(commandLine));

    private static CliErrorCase WrongFormat(string what, string commandLine) => new($"Wrong format: {what}", Args(commandLine));

    private static CliErrorCase BadOption(string what, string commandLine) => new($"Bad option value: {what}", Args(commandLine));

    public static IReadOnlyList<CliExample> All { get; } =
    [
        new("env")
        {
            Run = Args("env"),
            Stabilise = MachineValues,
            StabilisedWhat = "Values that describe the machine (.NET runtime, OS, Go) are shown as `<this machine>`, and the `go version` "
                + "and `GOROOT` rows, printed only when Go is on PATH, are left out.",
            Errors = [BadOption("an unknown --format", "env --format yaml")],
        },
        new("run")
        {
            Run = Args("run notebooks/00-start-here.ipynb --out out/run"),
            Stabilise = text => CellTime().Replace(text, "$1   #.#s  "),
            StabilisedWhat = "Cell times are shown as `#.#s`: they differ on every run.",
            Errors =
            [
                Missing("run no-such-notebook.ipynb"),
                WrongFormat("JSON lines instead of a notebook", $"run {MemStatsLines}"),
                BadOption("a --param without '='", "run notebooks/00-start-here.ipynb --param threshold"),
            ],
        },
        new("pprof top")
        {
            Run = Args($"pprof top {Heap} --nodecount 10"),
            Errors =
            [
                Missing("pprof top no-such-profile.pb.gz"),
                WrongFormat("an escape log", $"pprof top {EscapeM1}"),
                BadOption("a negative --nodecount", $"pprof top {Heap} --nodecount -1"),
                BadOption("an unknown --granularity", $"pprof top {Heap} --granularity bogus"),
            ],
        },
        new("pprof info")
        {
            Run = Args($"pprof info {Heap}"),
            Errors = [Missing("pprof info no-such-profile.pb.gz"), WrongFormat("an escape log", $"pprof info {EscapeM1}"),
                BadOption("an unknown --format", $"pprof info {Heap} --format yaml")],
        },
        new("pprof compare")
        {
            Run = Args($"pprof compare {Heap} --suspects"),
            Errors =
            [
                Missing("pprof compare no-such-profile.pb.gz"),
                WrongFormat("a CPU profile", "pprof compare data/artifacts/heap/leaky-cpu.pb.gz"),
                BadOption("--suspects with --cum", $"pprof compare {Heap} --suspects --cum"),
            ],
        },
        new("pprof trend")
        {
            Run = Args($"pprof trend {HeapSeries}"),
            Errors =
            [
                Missing($"pprof trend {HeapSeries} no-such-profile.pb.gz"),
                WrongFormat("an escape log among the snapshots", $"pprof trend {HeapSeries} {EscapeM1}"),
                BadOption("an unknown --sample-index", $"pprof trend {HeapSeries} --sample-index bogus"),
            ],
        },
        new("pprof flame")
        {
            Run = Args($"pprof flame {Heap} --out out/flame.html"),
            Errors =
            [
                Missing("pprof flame no-such-profile.pb.gz --out out/flame.html"),
                WrongFormat("an escape log", $"pprof flame {EscapeM1} --out out/flame.html"),
                BadOption("--min-share out of range", $"pprof flame {Heap} --out out/flame.html --min-share 2"),
            ],
        },
        new("escape list")
        {
            Run = Args($"escape list {EscapeM2} --kind moved-to-heap"),
            Errors = [Missing("escape list no-such-log.txt"), WrongFormat("a heap profile", $"escape list {Heap}"),
                BadOption("an unknown --kind", $"escape list {EscapeM2} --kind bogus")],
        },
        new("escape summary")
        {
            Run = Args($"escape summary {EscapeM2}"),
            Errors = [Missing("escape summary no-such-log.txt"), WrongFormat("a heap profile", $"escape summary {Heap}"),
                BadOption("an unknown --by", $"escape summary {EscapeM2} --by function")],
        },
        new("escape causes")
        {
            Run = Args($"escape causes {EscapeM2}"),
            Errors = [Missing("escape causes no-such-log.txt"), WrongFormat("a heap profile", $"escape causes {Heap}"),
                BadOption("an unknown --format", $"escape causes {EscapeM2} --format yaml")],
        },
        new("escape steps")
        {
            Run = Args($"escape steps {EscapeM2} --file escape/iface.go --line 11"),
            Errors = [Missing("escape steps no-such-log.txt"), WrongFormat("a heap profile", $"escape steps {Heap}"),
                BadOption("a --line that is not a number", $"escape steps {EscapeM2} --line abc")],
        },
        new("escape diff")
        {
            Run = Args("escape diff data/artifacts/escape/fix-before-m2.txt data/artifacts/escape/fix-after-m2.txt"),
            Errors =
            [
                Missing("escape diff data/artifacts/escape/fix-before-m2.txt no-such-log.txt"),
                WrongFormat("a heap profile", $"escape diff {Heap} data/artifacts/escape/fix-after-m2.txt"),
                BadOption("an unknown --format",
                    "escape diff data/artifacts/escape/fix-before-m2.txt data/artifacts/escape/fix-after-m2.txt --format yaml"),
            ],
        },
        new("escape check")
        {
            Run = Args($"escape check {EscapeM1} --expect data/go/leaky/escape"),
            Errors =
            [
                Missing("escape check no-such-log.txt --expect data/go/leaky/escape"),
                WrongFormat("a heap profile", $"escape check {Heap} --expect data/go/leaky/escape"),
                BadOption("no --expect", $"escape check {EscapeM1}"),
            ],
        },
        new("asm allocs")
        {
            Run = Args($"asm allocs {Asm}"),
            Errors = [Missing("asm allocs no-such-listing.txt"), WrongFormat("an escape log", $"asm allocs {EscapeM1}"),
                BadOption("an unknown --format", $"asm allocs {Asm} --format yaml")],
        },
        new("asm crosscheck")
        {
            Run = Args($"asm crosscheck {Asm} {EscapeM2} --mismatches"),
            Errors =
            [
                Missing($"asm crosscheck {Asm} no-such-log.txt"),
                WrongFormat("a heap profile as the log", $"asm crosscheck {Asm} {Heap}"),
                BadOption("an unknown --format", $"asm crosscheck {Asm} {EscapeM2} --format yaml"),
            ],
        },
        new("gctrace")
        {
            Run = Args($"gctrace {GcTraceLog}"),
            Errors = [Missing("gctrace no-such-gctrace.log"), WrongFormat("an escape log", $"gctrace {EscapeM1}"),
                BadOption("an unknown --format", $"gctrace {GcTraceLog} --format yaml")],
        },
        new("memstats")
        {
            Run = Args($"memstats {MemStatsLines}"),
            Errors =
            [
                Missing("memstats no-such-memstats.jsonl"),
                WrongFormat("an escape log", $"memstats {EscapeM1}"),
                BadOption("a --every that is not a Go duration (checked before any request)",
                    "memstats http://127.0.0.1:6060/debug/vars --every nope"),
            ],
        },
        new("why")
        {
            Run = Args($"why {Heap} --escape {EscapeM2} --asm {Asm}"),
            Errors =
            [
                Missing($"why {Heap} --escape no-such-log.txt"),
                WrongFormat("an escape log as the heap profile", $"why {EscapeM2}"),
                BadOption("an --output of unknown type", $"why {Heap} --output out/why.xlsx"),
            ],
        },
        new("report")
        {
            Run = Args($"report --heap {HeapSeries.Replace(" ", " --heap ")} --escape {EscapeM2} --asm {Asm} --gctrace {GcTraceLog} "
                + $"--memstats {MemStatsLines} --out out/report.html"),
            Errors =
            [
                Missing("report --heap no-such-profile.pb.gz --out out/report.html"),
                WrongFormat("an escape log as a heap profile", $"report --heap {EscapeM1} --out out/report.html"),
                BadOption("no --out", $"report --heap {Heap}"),
            ],
        },
        new("capture")
        {
            NotRunBecause = (["capture", "data/go/leaky/cmd/leaky", "--args", "-addr 127.0.0.1:0", "--for", "20s", "--heap-every", "5s"],
                "it builds and runs a Go program for `--for` seconds, and its numbers differ on every run"),
            ColumnsWithoutRun = ("`LiveCaptureResult.HeapSeries()`, the table capture prints (here of a capture without profiles)",
                () => new LiveCaptureResult("program", null, [], null, 0, true, TimeSpan.Zero, "", []).HeapSeries()),
            Errors = [Missing("capture no-such-program"), BadOption("a --for that is not a Go duration",
                "capture data/go/leaky/cmd/leaky --for nope")],
        },
        // The fleet pages run in this order (the command tree's): ingest makes out/fleet.duckdb, the others read it.
        new("fleet ingest")
        {
            Run = Args($"fleet ingest {Fleet} --db out/fleet.duckdb"),
            Errors =
            [
                Missing("fleet ingest no-such-folder --db out/fleet.duckdb"),
                WrongFormat("an escape log among the profiles (skipped, the rest stored)",
                    $"fleet ingest {EscapeM1} {Heap} --db out/mixed.duckdb"),
                BadOption("a --batch-size of 0", $"fleet ingest {Fleet} --db out/fleet.duckdb --batch-size 0"),
            ],
        },
        new("fleet top")
        {
            Run = ["fleet", "top", "out/fleet.duckdb", "--sample-index", "inuse_space", "--where", "service = 'leaky'",
                "--nodecount", "10"],
            Errors =
            [
                Missing("fleet top no-such.duckdb"),
                WrongFormat("a heap profile as the database", $"fleet top {Heap}"),
                new("Bad option value: a --where naming no label", ["fleet", "top", "out/fleet.duckdb", "--where", "team = 'core'"]),
                new("Bad option value: a --where that selects nothing", ["fleet", "top", "out/fleet.duckdb", "--where",
                    "service = 'nginx'"]),
            ],
        },
        new("fleet trend")
        {
            Run = Args("fleet trend out/fleet.duckdb --by service,load"),
            Errors =
            [
                Missing("fleet trend no-such.duckdb --by service"),
                WrongFormat("a heap profile as the database", $"fleet trend {Heap} --by service"),
                BadOption("an unknown label", "fleet trend out/fleet.duckdb --by team"),
            ],
        },
        new("fleet sql")
        {
            Run = ["fleet", "sql", "out/fleet.duckdb",
                "SELECT service, pod, count(*) AS profiles, sum(sample_count) AS samples FROM labelled_profiles GROUP BY ALL ORDER BY ALL"],
            Errors =
            [
                new("Missing path", ["fleet", "sql", "no-such.duckdb", "SELECT 1"]),
                new("Wrong format: a heap profile as the database", ["fleet", "sql", Heap, "SELECT 1"]),
                new("Bad option value: SQL that does not parse", ["fleet", "sql", "out/fleet.duckdb", "SELEC 1"]),
                new("Bad option value: a statement that writes (the database is opened read-only)", ["fleet", "sql", "out/fleet.duckdb",
                    "DELETE FROM profiles"]),
            ],
        },
        new("fleet export")
        {
            Run = Args("fleet export out/fleet.duckdb --parquet out/fleet-parquet"),
            Errors =
            [
                Missing("fleet export no-such.duckdb --parquet out/p"),
                WrongFormat("a heap profile as the database", $"fleet export {Heap} --parquet out/p"),
                BadOption("a folder that is not empty", "fleet export out/fleet.duckdb --parquet data/artifacts"),
            ],
        },
    ];

    /// <summary>env's values depend on the machine; keep the items, hide the values, drop the rows only some machines print.</summary>
    private static string MachineValues(string table)
    {
        var lines = table.Split('\n');
        var valueColumn = lines[0].IndexOf("value", StringComparison.Ordinal);
        string[] machine = [".NET runtime", "OS", "go on PATH"];
        string[] onlySometimes = ["go version", "GOROOT"];
        return string.Join('\n', lines
            .Where(l => !onlySometimes.Any(item => l.StartsWith(item + " ", StringComparison.Ordinal)))
            .Select(l => machine.Any(item => l.StartsWith(item + " ", StringComparison.Ordinal)) ? l[..valueColumn]
                + "<this machine>" : l));
    }

    [GeneratedRegex(@"^(  \[cell \d+\] .*?)\s+\d+[.,]\ds  ", RegexOptions.Multiline)]
    private static partial Regex CellTime();
}

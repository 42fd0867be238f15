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
    private const string Dump = "data/artifacts/heapdump/leaky.dump.gz";
    private const string EarlyDump = "data/artifacts/heapdump/leaky-early.dump.gz";
    private const string Goroutines = "data/artifacts/goroutines/leaky-goroutine-6-debug2.txt";
    private const string GoroutineSnapshots =
        "data/artifacts/goroutines/leaky-goroutine-1.pb.gz data/artifacts/goroutines/leaky-goroutine-2.pb.gz "
        + "data/artifacts/goroutines/leaky-goroutine-3.pb.gz data/artifacts/goroutines/leaky-goroutine-4.pb.gz "
        + "data/artifacts/goroutines/leaky-goroutine-5.pb.gz data/artifacts/goroutines/leaky-goroutine-6.pb.gz";

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
            ColumnsWithoutRun = ("`gomemlab run notebooks/00-start-here.ipynb --list-params`, the table of the notebook's parameters",
                () => GoMemLab.Cli.Notebooks.NotebookParameterTable.ToDataFrame(GoMemLab.Cli.Notebooks.NotebookParameterReader.Read(
                    GoMemLab.Cli.Notebooks.JupyterNotebook.Load("notebooks/00-start-here.ipynb")))),
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
        new("heapdump info")
        {
            Run = Args($"heapdump info {Dump}"),
            Errors = [Missing("heapdump info no-such.dump"), WrongFormat("an escape log", $"heapdump info {EscapeM1}"),
                BadOption("an unknown --format", $"heapdump info {Dump} --format yaml")],
        },
        new("heapdump roots")
        {
            Run = Args($"heapdump roots {Dump}"),
            Errors =
            [
                Missing("heapdump roots no-such.dump"),
                WrongFormat("a heap profile", $"heapdump roots {Heap}"),
                BadOption("a --binary that is not the program's", $"heapdump roots {Dump} --binary {EscapeM1}"),
            ],
        },
        new("heapdump sites")
        {
            Run = Args($"heapdump sites {Dump}"),
            Errors = [Missing("heapdump sites no-such.dump"), WrongFormat("a heap profile", $"heapdump sites {Heap}"),
                BadOption("an unknown --format", $"heapdump sites {Dump} --format yaml")],
        },
        new("heapdump path")
        {
            Run = Args($"heapdump path {Dump} --site internal/cache/cache.go:32"),
            Errors =
            [
                Missing("heapdump path no-such.dump --site cache.go:32"),
                WrongFormat("a heap profile", $"heapdump path {Heap} --site cache.go:32"),
                BadOption("both --site and --object", $"heapdump path {Dump} --site cache.go:32 --object 0xc000010000"),
                BadOption("a site the dump does not have", $"heapdump path {Dump} --site nowhere.go:1"),
            ],
        },
        new("heapdump dominators")
        {
            Run = Args($"heapdump dominators {Dump} --depth 1 --children 5"),
            Errors = [Missing("heapdump dominators no-such.dump"), WrongFormat("a heap profile", $"heapdump dominators {Heap}"),
                BadOption("a negative --depth", $"heapdump dominators {Dump} --depth -1")],
        },
        new("heapdump suspects")
        {
            Run = Args($"heapdump suspects {Dump}"),
            Errors = [Missing("heapdump suspects no-such.dump"), WrongFormat("a heap profile", $"heapdump suspects {Heap}"),
                BadOption("a --threshold over 1", $"heapdump suspects {Dump} --threshold 2")],
        },
        new("heapdump diff")
        {
            Run = Args($"heapdump diff {EarlyDump} {Dump} --by site"),
            Errors =
            [
                Missing($"heapdump diff no-such.dump {Dump}"),
                WrongFormat("a heap profile as NEW", $"heapdump diff {EarlyDump} {Heap}"),
                BadOption("an unknown --by", $"heapdump diff {EarlyDump} {Dump} --by type"),
            ],
        },
        new("heapdump redact")
        {
            Run = Args($"heapdump redact {Dump} out/redacted.dump"),
            Errors =
            [
                Missing("heapdump redact no-such.dump out/redacted.dump"),
                WrongFormat("a heap profile", $"heapdump redact {Heap} out/redacted.dump"),
                BadOption("an OUT that exists", $"heapdump redact {Dump} README.md"),
            ],
        },
        new("goroutines top")
        {
            Run = Args($"goroutines top {Goroutines} --by creation"),
            Errors =
            [
                Missing("goroutines top no-such-dump.txt"),
                WrongFormat("a heap profile", $"goroutines top {Heap}"),
                BadOption("--by state on a protobuf dump, which has no states",
                    "goroutines top data/artifacts/goroutines/leaky-goroutine-6.pb.gz --by state"),
                BadOption("an unknown --by", $"goroutines top {Goroutines} --by function"),
            ],
        },
        new("goroutines growth")
        {
            Run = Args($"goroutines growth {GoroutineSnapshots}"),
            Errors =
            [
                Missing($"goroutines growth {GoroutineSnapshots} no-such-dump.txt"),
                WrongFormat("a heap profile among the snapshots", $"goroutines growth {GoroutineSnapshots} {Heap}"),
                BadOption("text snapshots without --every",
                    "goroutines growth data/artifacts/goroutines/phases-1-debug2.txt data/artifacts/goroutines/phases-2-debug2.txt"),
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
        new("ssa")
        {
            Run = Args("ssa data/artifacts/ssa/NewPoint.html"),
            Errors =
            [
                Missing("ssa no-such-module --func NewPoint"),
                WrongFormat("an escape log", $"ssa {EscapeM2}"),
                BadOption("a directory without --func", "ssa data/go/leaky"),
            ],
        },
        new("workshop")
        {
            Run = Args("workshop notebooks/05b-gogc-gomemlimit-lab.ipynb notebooks/09-your-service.ipynb --out out/workshop"),
            Errors =
            [
                Missing("workshop no-such-notebook.ipynb --out out/workshop"),
                WrongFormat("JSON lines instead of a notebook", $"workshop {MemStatsLines} --out out/workshop"),
                BadOption("an --out that is the notebook's own folder",
                    "workshop notebooks/05b-gogc-gomemlimit-lab.ipynb --out notebooks/"),
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

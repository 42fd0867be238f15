using GoMemLab.AssemblyListings;
using GoMemLab.Environment;
using GoMemLab.Escape;
using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Live;
using GoMemLab.Profiles;
using GoMemLab.Ssa;
using GoMemLab.Telemetry;

namespace GoMemLab.ReferenceDocs;

/// <summary>A type a magic stores in its variable, and when (empty: always).</summary>
public sealed record MagicVariable(Type Type, string When = "");

/// <summary>One error a magic's page shows: what goes wrong, and the cell that makes it happen (run from notebooks/).</summary>
public sealed record MagicErrorCase(string Title, string Cell);

/// <summary>What the reference page of one magic documents beyond its -h: the variable it defines and its error cases.</summary>
public sealed record MagicExample(string Name, IReadOnlyList<MagicVariable> Defines, IReadOnlyList<MagicErrorCase> Errors)
{
    /// <summary>Why the declared example is not run (it needs Go); null when the generator runs it and checks the variable's
    /// type.</summary>
    public string? ExampleNotRunBecause { get; init; }
}

/// <summary>
/// The variables and error cases of every magic (the generator fails on a magic without an entry). Magics that
/// need Go take their errors from argument checks that fail before Go would run.
/// </summary>
public static class MagicExamples
{
    private const string NeedsGo = "it runs the Go toolchain";

    public static IReadOnlyList<MagicExample> All { get; } =
    [
        new("#!gomemlab", [new(typeof(EnvironmentCard), "with --name")],
        [
            new("Bad --name", "#!gomemlab --name 1env"),
        ]),
        new("#!gctrace", [new(typeof(GcTrace))],
        [
            new("Missing file", "#!gctrace no-such-gctrace.log"),
            new("Wrong format: an escape log", "#!gctrace ../data/artifacts/escape/leaky-m1.txt"),
        ]),
        new("#!heapdump", [new(typeof(GoMemLab.HeapDumps.HeapDump))],
        [
            new("Missing file", "#!heapdump no-such.dump"),
            new("Wrong format: an escape log", "#!heapdump ../data/artifacts/escape/leaky-m1.txt"),
            new("A --binary that is not ELF", "#!heapdump ../data/artifacts/heapdump/leaky.dump.gz --binary ../README.md"),
        ]),
        new("#!memstats", [new(typeof(MemStatsSeries))],
        [
            new("Missing file", "#!memstats no-such-memstats.jsonl"),
            new("Wrong format: an escape log", "#!memstats ../data/artifacts/escape/leaky-m1.txt"),
            new("Bad --every (checked before any request)", "#!memstats http://127.0.0.1:6060/debug/vars --every nope"),
        ]),
        new("#!gorun", [new(typeof(LiveCaptureResult))],
        [
            new("Missing program", "#!gorun no-such-program"),
            new("Bad --for", "#!gorun ../data/go/leaky/cmd/leaky --for nope"),
        ]) { ExampleNotRunBecause = NeedsGo + " and runs the program for `--for` seconds" },
        new("#!escape", [new(typeof(EscapeLog))],
        [
            new("Missing file", "#!escape no-such-log.txt"),
            new("Wrong format: a heap profile", "#!escape ../data/artifacts/heap/leaky-heap-4.pb.gz"),
        ]),
        new("#!gobuild", [new(typeof(EscapeLog), "with -m or -m=2 (the default)"), new(typeof(AssemblyListing), "with -S")],
        [
            new("Missing directory", "#!gobuild no-such-module"),
            new("No directory given", "#!gobuild --gcflags -m"),
        ]) { ExampleNotRunBecause = NeedsGo },
        new("#!ssa", [new(typeof(SsaDump))],
        [
            new("Missing directory", "#!ssa no-such-module --func NewPoint"),
            new("No --func", "#!ssa ../data/go/leaky --package ./escape"),
        ]) { ExampleNotRunBecause = NeedsGo + " (GOSSAFUNC recompiles the standard library)" },
        new("#!pprof", [new(typeof(LoadedProfile))],
        [
            new("Missing file", "#!pprof no-such-profile.pb.gz"),
            new("Wrong format: an escape log", "#!pprof ../data/artifacts/escape/leaky-m1.txt"),
            new("Bad --sample-index", "#!pprof ../data/artifacts/heap/leaky-heap-4.pb.gz --sample-index bogus"),
        ]),
        new("#!fleet", [new(typeof(Microsoft.Data.Analysis.DataFrame))],
        [
            new("Missing file", "#!fleet no-such.duckdb"),
            new("Wrong format: a heap profile", "#!fleet ../data/artifacts/heap/leaky-heap-4.pb.gz"),
            new("Both --sql and --where", "#!fleet no-such.duckdb --sql \"SELECT 1\" --where \"service = 'leaky'\""),
        ]) { ExampleNotRunBecause =
            "it reads a fleet database, which `gomemlab fleet ingest` makes first (notebooks/10-fleet.ipynb does both)" },
        new("#!goroutines",
        [
            new(typeof(GoroutineDump), "for one dump"),
            new(typeof(IReadOnlyList<GoroutineDump>), "for several snapshots, with VAR_growth"),
            new(typeof(GoroutineGrowth), "VAR_growth, for several snapshots"),
        ],
        [
            new("Missing file", "#!goroutines no-such-dump.txt"),
            new("Wrong format: a heap profile", "#!goroutines ../data/artifacts/heap/leaky-heap-4.pb.gz"),
            new("Text snapshots without --every", "#!goroutines \"../data/artifacts/goroutines/phases-*-debug2.txt\""),
        ]),
    ];
}

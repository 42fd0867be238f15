using GoMemLab.AssemblyListings;
using GoMemLab.Environment;
using GoMemLab.Escape;
using GoMemLab.Joins;
using GoMemLab.Live;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Telemetry;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// What each output column means, for the "Output columns" sections. The column names on the pages come from the
/// commands' real CSV headers; the meanings of a core table live beside the code that builds it (a static
/// <c>ColumnMeanings</c> on the typed result), and this maps each command to the tables it prints. <see cref="Of"/>
/// fails for a column no table explains, so a new column cannot reach the pages without a meaning.
/// </summary>
public static class ColumnMeanings
{
    /// <summary>The meaning of <paramref name="column"/> in the output of `gomemlab <paramref name="command"/>`.</summary>
    public static string Of(string command, string column)
    {
        if (!ByCommand.TryGetValue(command, out var tables))
            throw new InvalidOperationException($"`gomemlab {command}` has no tables in {nameof(ColumnMeanings)}; map it to the "
                + "ColumnMeanings of what it prints");
        foreach (var table in tables)
            if (table.TryGetValue(column, out var meaning)) return meaning;
        throw new InvalidOperationException(
            $"column '{column}' of `gomemlab {command}` has no meaning; add it to the ColumnMeanings of the table that builds it");
    }

    // GcTrace.ToDataFrame's columns (Telemetry/): CLI-only here until they move beside GcTrace.
    private static readonly Dictionary<string, string> GcTraceColumns = new()
    {
        ["gc"] = "The GC number (1-based, consecutive within one process).",
        ["at_s"] = "Seconds since the program started when the GC began.",
        ["cpu_pct"] = "Percentage of CPU spent in GC since the program started (cumulative, whole percent).",
        ["clock_sweep_term_ms"] = "Wall-clock time of the stop-the-world sweep termination, ms.",
        ["clock_mark_ms"] = "Wall-clock time of the concurrent mark and scan, ms.",
        ["clock_mark_term_ms"] = "Wall-clock time of the stop-the-world mark termination, ms.",
        ["cpu_sweep_term_ms"] = "CPU time of sweep termination, ms.",
        ["cpu_assist_ms"] = "CPU time of mark assists by allocating goroutines, ms.",
        ["cpu_background_ms"] = "CPU time of the background mark workers, ms.",
        ["cpu_idle_ms"] = "CPU time of idle mark workers, ms.",
        ["cpu_mark_term_ms"] = "CPU time of mark termination, ms.",
        ["heap_start_mb"] = "Heap size when the GC started, MiB.",
        ["heap_end_mb"] = "Heap size when marking ended, MiB.",
        ["heap_live_mb"] = "Live (marked) heap after the GC, MiB: the number a leak makes grow.",
        ["goal_mb"] = "Heap goal of the next cycle, MiB.",
        ["stacks_mb"] = "Scannable stacks, MiB (empty for logs from Go before 1.18).",
        ["globals_mb"] = "Scannable globals, MiB (empty for logs from Go before 1.18).",
        ["procs"] = "GOMAXPROCS.",
        ["forced"] = "True when the line ends in (forced): runtime.GC() or debug.FreeOSMemory().",
    };

    // `gomemlab fleet ingest`'s table (Fleet/): here until it moves beside the Fleet code that builds it.
    private static readonly Dictionary<string, string> FleetIngestColumns = new()
    {
        ["file"] = "The file as given: the folder argument joined with the path below it.",
        ["path"] = "The path stored in the database: relative to the folder given (a file given directly: as given, made relative).",
        ["status"] = "ingested, already present (the same content, by SHA-256, is stored: nothing added) or skipped (not a "
            + "usable profile).",
        ["profile_id"] = "The profile's id in the database (the stored copy's for already present; empty when skipped).",
        ["batch"] = "The transaction the file was read in (stored whole or not at all).",
        ["samples"] = "Samples stored for the profile (0 unless ingested).",
        ["detail"] = "Why a file was skipped (the reader's one-line error), or which stored path has the same content.",
    };

    // `gomemlab fleet trend`'s table (Fleet/): here until it moves beside the Fleet code that builds it.
    private static readonly Dictionary<string, string> FleetTrendColumns = new()
    {
        ["service"] = "The value of the `--by` label (one column per label; empty for profiles without it). The example groups by "
            + "service and load.",
        ["load"] = "The value of the second `--by` label of the example.",
        ["profiles"] = "Profiles in the group that carry a time.",
        ["first_time"] = "Time of the group's earliest profile (UTC).",
        ["last_time"] = "Time of its latest profile (UTC).",
        ["metric"] = "The series: the sample type's per-profile total (pprof's total, Σ|value|), `_mb` when in MiB.",
        ["unit"] = "Unit of level, change, slope and threshold: MB (MiB) for bytes, objects for object counts, else the sample unit.",
        ["points"] = "Profiles in the series.",
        ["span"] = "Minutes from the first to the last profile.",
        ["time_unit"] = "min: slope is per minute.",
        ["level"] = "Median total over the series.",
        ["slope"] = "Theil–Sen slope of the total over minutes.",
        ["change"] = "slope × span: the growth the line explains.",
        ["r_squared"] = "How much of the variation the line explains (1 − SSres/SStot).",
        ["threshold"] = "The change that counts: the larger of 10% of the level and the unit's floor (1 MB, 1,000 objects, 10 goroutines).",
        ["verdict"] = "growing, steady, shrinking or insufficient data (fewer than 5 profiles or no time span).",
        ["evidence"] = "The verdict's reasons in one sentence.",
    };

    // `gomemlab fleet sql`'s table (Fleet/): here until it moves beside the Fleet code that builds it.
    private static readonly Dictionary<string, string> FleetSqlColumns = new()
    {
        ["service"] = "The columns are the query's own; the example counts profiles per service and pod label.",
        ["pod"] = "The pod label.",
        ["profiles"] = "Profiles of that service and pod.",
        ["samples"] = "Their samples.",
    };

    // `gomemlab fleet export`'s table (Fleet/): here until it moves beside the Fleet code that builds it.
    private static readonly Dictionary<string, string> FleetExportColumns = new()
    {
        ["file"] = "A Parquet file written, relative to the export folder: DATASET/LABEL=VALUE/data_N.parquet.",
    };
    // Declared after the dictionaries above: static fields initialise in text order.
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>[]> ByCommand = new()
    {
        ["env"] = [EnvironmentCard.ColumnMeanings],
        ["pprof top"] = [TopReport.ColumnMeanings],
        ["pprof info"] = [ProfileSummary.ColumnMeanings],
        ["pprof compare"] = [LeakSuspectsReport.ColumnMeanings],
        ["pprof trend"] = [HeapTrendReport.ColumnMeanings, HeapTrendReport.PointColumnMeanings],
        ["escape list"] = [EscapeLog.ColumnMeanings],
        ["escape summary"] = [EscapeCauseReport.SummaryColumnMeanings],
        ["escape causes"] = [EscapeCauseReport.ColumnMeanings],
        ["escape steps"] = [EscapeLog.StepColumnMeanings],
        ["escape diff"] = [EscapeDiff.Result.ColumnMeanings],
        ["escape check"] = [EscapeFindings.ColumnMeanings],
        ["asm allocs"] = [AssemblyListing.ColumnMeanings, AssemblyListing.ByFunctionColumnMeanings],
        ["asm crosscheck"] = [EscapeAllocationCrossCheck.Result.ColumnMeanings],
        ["gctrace"] = [GcTraceColumns],
        ["memstats"] = [MemStatsColumns.Meanings],
        ["why"] = [WhyOnHeap.ColumnMeanings],
        ["fleet ingest"] = [FleetIngestColumns],
        ["fleet top"] = [TopReport.ColumnMeanings],
        ["fleet trend"] = [FleetTrendColumns],
        ["fleet sql"] = [FleetSqlColumns],
        ["fleet export"] = [FleetExportColumns],
        ["capture"] = [LiveCaptureResult.HeapSeriesColumnMeanings],
        ["ssa"] = [new Dictionary<string, string>
        {
            ["pass"] = "The SSA phase, as the compiler names it (before insert phis, start, opt, expand calls, lower, regalloc…), in compile order.",
            ["column"] = "The ssa.html column (1-based, sources and AST included) that shows the function after this phase; "
                + "phases that change nothing share the column of the next one that does.",
            ["changed"] = "True when the phase changed the function (the page drew a new column for it).",
            ["blocks"] = "Basic blocks after the phase.",
            ["values"] = "SSA values after the phase, dead ones not yet removed included.",
            ["dead_values"] = "Values after the phase that are dead but not yet removed (the page fades them).",
            ["time_ns"] = "The phase's compile time as the page's header prints it, ns (empty where it prints none).",
            ["calls"] = "Functions the live values call after the phase (runtime.newobject, …), \", \"-joined.",
        }],
        ["goroutines top"] = [new Dictionary<string, string>
        {
            ["key"] = "The group: the start function (the outermost frame Go shows; `(truncated) F` when the dump cut the stack), "
                + "the creation site `F (file:line)` of the `created by` lines, or the state as Go printed it, by `--by`.",
            ["count"] = "Goroutines in the group.",
            ["share"] = "count as a fraction of the dump's goroutines.",
            ["max_wait_minutes"] = "The longest wait Go printed in the group, in whole minutes (0: none over a minute); empty for protobuf and debug=1.",
            ["example_goroutine"] = "The lowest goroutine id in the group, to look up in the dump; empty for forms without ids.",
            ["wait_under_1m"] = "Goroutines without a wait figure: blocked under a minute, or not blocked (Go starts the clock at a GC).",
            ["wait_1_to_9m"] = "Goroutines blocked 1 to 9 minutes.",
            ["wait_10_to_59m"] = "Goroutines blocked 10 to 59 minutes.",
            ["wait_60m_plus"] = "Goroutines blocked an hour or more.",
            ["leaked"] = "Goroutines the runtime marked leaked: every one of a goroutineleak profile, the `(leaked)` ones of a debug=2 dump.",
            ["locked_to_thread"] = "Goroutines locked to their OS thread (runtime.LockOSThread); empty for forms without states.",
            ["breakdown"] = "The group's make-up the other way round, largest first: its states (start and creation groups) or its start functions (state groups).",
        }],
        ["goroutines growth"] = [new Dictionary<string, string>
        {
            ["key"] = "The group, as in `goroutines top` with the same `--by`.",
            ["first"] = "Goroutines in the group in the earliest snapshot (0 when absent).",
            ["last"] = "Goroutines in the group in the latest snapshot.",
            ["delta"] = "last − first.",
            ["slope_per_min"] = "Goroutines per minute: the Theil–Sen slope over the snapshots' times that the verdict is judged on.",
            ["verdict"] = "growing, steady, shrinking or insufficient data (fewer than 5 snapshots): the leak rule of the gctrace and MemStats "
                + "signals, with a floor of 10 goroutines.",
            ["r_squared"] = "R² of that line (empty when the count never changes).",
            ["threshold"] = "The change over the window the verdict needed: 10% of the group's median count, at least 10 goroutines.",
            ["snapshots_present"] = "In how many snapshots the group has goroutines.",
            ["evidence"] = "The verdict in one sentence.",
        }],
        ["run"] = [new Dictionary<string, string>
        {
            ["name"] = "--list-params: the parameter's name in the notebook's parameters cell (what --param NAME=VALUE sets).",
            ["type"] = "The type the C# compiler gives its declaration: string, a number type, bool or string[]; `(fixed)` when the command line cannot set it.",
            ["default"] = "The value as the parameters cell writes it.",
            ["description"] = "The comment beside the declaration; for an array, how to give several values; what it is computed from unless given.",
        }],
        ["heapdump info"] = [new Dictionary<string, string>
        {
            ["objects"] = "Heap objects in the dump, garbage included (WriteHeapDump runs no GC).",
            ["bytes"] = "Their bytes, at the size the runtime allocated (the size class): equals the dump's MemStats HeapAlloc.",
            ["reachable_objects"] = "Objects the GC roots reach.",
            ["reachable_bytes"] = "Their bytes: what HeapAlloc would read after a GC.",
            ["garbage_objects"] = "Objects no root reaches: the next GC frees them.",
            ["garbage_bytes"] = "Their bytes.",
            ["roots"] = "GC roots that reference at least one heap object.",
            ["go_version"] = "The Go version of the program, from the dump's params record.",
            ["pointer_size"] = "Pointer size in bytes (8 on 64-bit platforms).",
            ["goroutines"] = "Goroutines in the dump (every one but dead ones).",
            ["sampled_objects"] = "Objects with an allocation site (all with runtime.MemProfileRate = 1; about one per 512 KiB allocated by default).",
            ["sampled_bytes"] = "Their bytes.",
            ["memstats_heap_alloc"] = "runtime.MemStats.HeapAlloc as the runtime read it at the dump.",
            ["architecture"] = "GOARCH of the program.",
        }],
        ["heapdump roots"] = [new Dictionary<string, string>
        {
            ["root"] = "The root: a global's symbol (`main.sessions`, `main.cache+0x8`) with `--binary`, else `data+0x…`/`bss+0x…`; `goroutine ID ENTRY`; `finalizer on 0xOBJECT (FUNCTION)`.",
            ["kind"] = "Root kind: global (a pointer word of the data or bss segment), goroutine (all frames of one goroutine), finalizer, other.",
            ["retained_bytes"] = "Bytes this root alone keeps alive: its dominator subtree, what a GC frees when the root goes.",
            ["retained_objects"] = "Objects in that subtree.",
            ["direct_objects"] = "Heap objects the root references itself.",
            ["share"] = "retained_bytes as a share of the reachable bytes.",
        }],
        ["heapdump sites"] = [new Dictionary<string, string>
        {
            ["site"] = "file:line of the first non-runtime frame of the allocation stack (from the dump's memprof buckets and alloc samples).",
            ["function"] = "That frame's function.",
            ["objects"] = "Reachable sampled objects allocated there.",
            ["bytes"] = "Their bytes.",
            ["retained_bytes"] = "What those objects keep alive together: the union of their dominator subtrees.",
            ["garbage_objects"] = "Sampled objects allocated there that no root reaches.",
            ["garbage_bytes"] = "Their bytes.",
        }],
        ["heapdump path"] = [new Dictionary<string, string>
        {
            ["depth"] = "0 for the root, then one more per reference followed; the last row is the target.",
            ["node"] = "The root's name at depth 0, else the object's address.",
            ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
            ["bytes"] = "The object's size (0 for a root).",
            ["site"] = "Allocation site of the object (file:line of the first non-runtime frame of its memprof bucket); empty when it was not sampled.",
            ["retained_bytes"] = "Bytes the node alone keeps alive.",
            ["via"] = "Where the root holds the first object: the frame's function for a goroutine (\"(address-taken variable)\" when through a stack variable), word for a global.",
        }],
        ["heapdump dominators"] = [new Dictionary<string, string>
        {
            ["depth"] = "Depth in the dominator tree below the roots (0 for a root, or an object several roots share).",
            ["node"] = "The root's name, or the object's address.",
            ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
            ["bytes"] = "The node's own size (0 for a root).",
            ["retained_bytes"] = "Bytes the node alone keeps alive (its dominator subtree).",
            ["retained_objects"] = "Objects in that subtree.",
            ["site"] = "Allocation site of the object (file:line of the first non-runtime frame of its memprof bucket); empty when it was not sampled.",
            ["id"] = "Row id, for parent_id.",
            ["parent_id"] = "The id of the dominator above (0 at the top).",
        }],
        ["heapdump suspects"] = [new Dictionary<string, string>
        {
            ["suspect"] = "A root (or an object several roots share) that retains more than --threshold of the reachable bytes, or `N goroutines running F` when they do together.",
            ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
            ["instances"] = "How many roots the suspect stands for (1, or the goroutines of a group).",
            ["retained_bytes"] = "Bytes the suspect keeps alive.",
            ["retained_objects"] = "Objects it keeps alive.",
            ["share"] = "retained_bytes as a share of the reachable bytes.",
            ["accumulation_point"] = "Where the memory accumulates: following the biggest child down the dominator tree while it holds at least 80% of its parent.",
            ["accumulation_site"] = "Allocation site of the accumulation point (e.g. a map's buckets).",
            ["accumulation_retained_bytes"] = "Bytes the accumulation point keeps alive.",
            ["accumulation_children"] = "Objects it dominates directly (e.g. the map's entries).",
            ["chain"] = "The dominator chain from the suspect to the accumulation point.",
        }],
        ["heapdump diff"] = [new Dictionary<string, string>
        {
            ["root"] = "The root: a global's symbol (`main.sessions`, `main.cache+0x8`) with `--binary`, else `data+0x…`/`bss+0x…`; `goroutine ID ENTRY`; `finalizer on 0xOBJECT (FUNCTION)`.",
            ["site"] = "Allocation site (file:line), with --by site.",
            ["function"] = "The site's function.",
            ["kind"] = "Root kind: global (a pointer word of the data or bss segment), goroutine (all frames of one goroutine), finalizer, other.",
            ["retained_bytes_old"] = "Retained bytes in OLD (0 when absent there).",
            ["retained_bytes_new"] = "Retained bytes in NEW (0 when absent there).",
            ["delta_bytes"] = "retained_bytes_new − retained_bytes_old.",
        }],
    };
}

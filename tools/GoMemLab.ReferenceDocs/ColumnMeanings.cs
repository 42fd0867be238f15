using GoMemLab.AssemblyListings;
using GoMemLab.Environment;
using GoMemLab.Escape;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Joins;
using GoMemLab.Live;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Ssa;
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
        ["ssa"] = [SsaPassTable.ColumnMeanings],
        ["goroutines top"] = [GoroutineGroups.ColumnMeanings],
        ["goroutines growth"] = [GoroutineGrowth.ColumnMeanings],
        ["run"] = [new Dictionary<string, string>
        {
            ["name"] = "--list-params: the parameter's name in the notebook's parameters cell (what --param NAME=VALUE sets).",
            ["type"] = "The type the C# compiler gives its declaration: string, a number type, bool or string[]; `(fixed)` when the "
                + "command line cannot set it.",
            ["default"] = "The value as the parameters cell writes it.",
            ["description"] = "The comment beside the declaration; for an array, how to give several values; what it is computed from "
                + "unless given.",
        }],
        ["heapdump info"] = [HeapDumpInfo.ColumnMeanings],
        ["heapdump roots"] = [RootRetentionReport.ColumnMeanings],
        ["heapdump sites"] = [SiteRetentionReport.ColumnMeanings],
        ["heapdump path"] = [PathReport.ColumnMeanings],
        ["heapdump dominators"] = [DominatorReport.ColumnMeanings],
        ["heapdump suspects"] = [LeakSuspectReport.ColumnMeanings],
        ["heapdump diff"] = [HeapDumpDiff.RootColumnMeanings, HeapDumpDiff.SiteColumnMeanings],
    };
}

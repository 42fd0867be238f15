using GoMemLab.Telemetry;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// What each output column means, for the "Output columns" sections. The column names on the pages come
/// from the commands' real CSV headers; this only explains them, and <see cref="Of"/> fails for a column
/// it cannot explain, so a new column cannot reach the pages without a meaning.
/// </summary>
public static class ColumnMeanings
{
    /// <summary>The meaning of <paramref name="column"/> in the output of `gomemlab <paramref name="command"/>`.</summary>
    public static string Of(string command, string column) =>
        ByCommand.TryGetValue(command, out var own) && own.TryGetValue(column, out var meaning) ? meaning
        : Shared.TryGetValue(column, out meaning) ? meaning
        : throw new InvalidOperationException(
            $"column '{column}' of `gomemlab {command}` has no meaning in {nameof(ColumnMeanings)}; add one (Shared, or ByCommand[\"{command}\"])");

    /// <summary>`pprof top` and `fleet top` print the same table.</summary>
    private static readonly Dictionary<string, string> TopColumns = new()
    {
        ["name"] = "The node: function, file:line, file or address, by `--granularity`.",
        ["flat"] = "Value of the samples whose innermost frame is this node, in the sample type's unit.",
        ["flat_pct"] = "flat as a percentage of the total.",
        ["sum_pct"] = "Running total of flat_pct down the table.",
        ["cum"] = "Value of the samples with this node anywhere on the stack.",
        ["cum_pct"] = "cum as a percentage of the total.",
        ["inline"] = "True when every remaining incoming call edge is an inlined call (pprof's `(inline)`).",
        ["partial_inline"] = "True when some but not all incoming call edges are inlined calls (pprof's `(partial-inline)`).",
    };

    /// <summary>Columns that mean the same in every table that has them.</summary>
    private static readonly Dictionary<string, string> Shared = new()
    {
        ["package"] = "Go package (the `# package` header of the log, or the listing's).",
        ["file"] = "Source file, as the input names it.",
        ["line"] = "Source line (1-based).",
        ["column"] = "Source column (1-based byte; 0 where the compiler omits it).",
        ["function"] = "Go function, as the input names it.",
        ["kind"] = "Diagnostic kind: moved-to-heap, escapes-to-heap, does-not-escape, leaking-param…, can-inline, inlining-call, other (see `escape list --kind`).",
        ["subject"] = "The variable, expression or parameter the decision is about.",
        ["message"] = "The compiler's message, verbatim.",
        ["flow_steps"] = "Number of `-m=2` explanation steps attached to the diagnostic (0 in a plain `-m` log).",
        ["alloc_space"] = "Bytes allocated since the program started (sampled; scaled up by the runtime).",
        ["alloc_objects"] = "Objects allocated since the program started.",
        ["inuse_space"] = "Bytes still live as of the last completed GC.",
        ["inuse_objects"] = "Objects still live as of the last completed GC.",
        ["retention_ratio"] = "inuse_space / alloc_space: the share of what was allocated that is still held (empty when nothing was allocated).",
        ["cause"] = "Why it is on the heap, read from the `-m=2` flow: returned-to-caller, stored-in-global-or-heap, captured-by-closure, "
            + "converted-to-interface, too-large-or-non-constant-size, passed-to-leaking-parameter, spill or unknown.",
        ["runtime_function"] = "The runtime allocation function called (newobject, makeslice, growslice, convT…), without `runtime.`.",
    };

    private static readonly Dictionary<string, Dictionary<string, string>> ByCommand = new()
    {
        ["env"] = new()
        {
            ["item"] = "What is described: GoMemLab, .NET runtime, OS, host, go on PATH, go version, GOROOT.",
            ["value"] = "Its value on this machine.",
        },
        ["pprof top"] = TopColumns,
        ["pprof info"] = new()
        {
            ["field"] = "A header fact: source, format, sample_types, default_sample_type, samples, locations, functions, mappings, "
                + "period_type, period, time, duration_nanos (and comment, drop_frames, keep_frames, memstats.* when present).",
            ["value"] = "Its value in the profile.",
        },
        ["pprof compare"] = new()
        {
            ["avg_object_size"] = "alloc_space / alloc_objects, in bytes (empty when nothing was allocated).",
            ["inuse_share"] = "inuse_space as a share of the profile's total inuse_space (suspects hold at least 0.01).",
        },
        ["pprof trend"] = new()
        {
            ["first"] = "Value in the earliest snapshot (0 when the function is absent there).",
            ["last"] = "Value in the latest snapshot.",
            ["change"] = "last − first.",
            ["slope_per_minute"] = "Least-squares slope of the value over the snapshots' times, in the sample type's unit per minute.",
            ["r_squared"] = "R² of that line: near 1 is steady growth; empty when the value never changes.",
            ["snapshots_present"] = "In how many snapshots the function appears.",
        },
        ["escape summary"] = new()
        {
            ["package"] = "The group: the Go package (or the file, with `--by file`).",
            ["returned_to_caller"] = "Heap escapes whose flow ends in a return: the value outlives the call through a result.",
            ["stored_in_global_or_heap"] = "Heap escapes assigned to a global or to memory reachable from the heap.",
            ["captured_by_closure"] = "Heap escapes captured by a closure.",
            ["converted_to_interface"] = "Heap escapes boxed into an interface (including fmt's `...any` arguments).",
            ["too_large_or_non_constant_size"] = "Heap escapes too large for the stack, or a make/new whose size is not constant.",
            ["passed_to_leaking_parameter"] = "Heap escapes passed to a function whose parameter leaks.",
            ["spill"] = "Heap escapes whose flow shows only spill steps.",
            ["unknown"] = "Heap escapes without an explanation (a plain `-m` log) or none of the above.",
            ["total"] = "All heap escapes of the group.",
        },
        ["escape causes"] = new()
        {
            ["function"] = "The function the decision is in (the nearest can-inline/cannot-inline announcement above it).",
        },
        ["escape steps"] = new()
        {
            ["diagnostic"] = "Index of the diagnostic the step explains (its row in `escape list`, from 0).",
            ["step"] = "Position of the step in that explanation, from 0.",
            ["step_kind"] = "flow (`flow: DEST = SOURCE`), from (`from EXPR (reason) at POS`) or note.",
            ["destination"] = "flow steps: where the value flows to.",
            ["source"] = "flow steps: where it comes from.",
            ["expression"] = "from steps: the expression that moves it.",
            ["reason"] = "from steps: why it moves (assigned, return, call parameter, spill…).",
            ["at_file"] = "from steps: the file of the expression.",
            ["at_line"] = "from steps: its line.",
            ["at_column"] = "from steps: its column (0 when omitted).",
            ["text"] = "The step as the compiler printed it.",
        },
        ["escape diff"] = new()
        {
            ["status"] = "new (only in AFTER), removed (only in BEFORE) or unchanged (listed with `--all`).",
            ["kind"] = "moved-to-heap or escapes-to-heap.",
            ["function"] = "The function the escape is in; with file and subject, the key escapes are matched by.",
            ["before_line"] = "Its line in BEFORE (0 when new).",
            ["after_line"] = "Its line in AFTER (0 when removed).",
        },
        ["escape check"] = new()
        {
            ["status"] = "unmet (an annotation's regex matched no diagnostic on its line) or unexpected (a diagnostic no regex of its line matched).",
            ["file"] = "The annotated .go file.",
            ["expected"] = "unmet rows: the regex of the `// ERROR` annotation.",
            ["message"] = "unexpected rows: the diagnostic's message.",
        },
        ["asm allocs"] = new()
        {
            ["function"] = "The function symbol the call is in, as the listing prints it.",
            ["file"] = "The source file the assembler attributes the call to (innermost, for inlined code).",
            ["pc"] = "Offset of the CALL within the function (the listing's hex column, as a number).",
        },
        ["asm crosscheck"] = new()
        {
            ["status"] = "agree (a heap decision and an allocation call on the line), decision-without-call or call-without-decision.",
            ["decisions"] = "The heap decisions on the line, \"; \"-joined.",
            ["calls"] = "The runtime allocation functions called on the line, \"; \"-joined.",
            ["may_not_allocate"] = "True when every call is one that may not allocate (growslice, stack-buffered conversions): no decision is expected.",
        },
        ["gctrace"] = new()
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
        },
        ["memstats"] = MemStatsColumns.Meanings,
        ["why"] = new()
        {
            ["site"] = "The allocation site, file:line: the innermost frame of the heap profile's stacks outside the standard library and runtime.",
            ["function"] = "The site's function, as the profile names it.",
            ["file"] = "The site's file, as the profile names it.",
            ["status"] = "explained (a heap decision of the escape log at the site), runtime (a runtime allocation that always goes to the heap), "
                + "unexplained (see reason) or not-sampled (with `--unsampled`).",
            ["escape_kind"] = "The decisions' kinds (escapes-to-heap, moved-to-heap); none for runtime rows.",
            ["cause"] = "The decisions' causes (as in `escape causes`), or the runtime allocation's (append growth, map growth…).",
            ["flow"] = "Per decision: its subject and the chain of flow destinations to where it outlives the frame.",
            ["assembly_call"] = "Allocation calls of the `-S` listing at the site, \"; \"-joined.",
            ["allocated_by"] = "The standard-library functions the site called that did the allocating (runtime.growslice…), most bytes first.",
            ["decision_at"] = "Where the decisions were found: the site, or the outermost frame it was inlined into.",
            ["reason"] = "Why a site is unexplained (empty otherwise).",
        },
        ["fleet ingest"] = new()
        {
            ["file"] = "The file as given: the folder argument joined with the path below it.",
            ["path"] = "The path stored in the database: relative to the folder given (a file given directly: as given, made relative).",
            ["status"] = "ingested, already present (the same content, by SHA-256, is stored: nothing added) or skipped (not a usable profile).",
            ["profile_id"] = "The profile's id in the database (the stored copy's for already present; empty when skipped).",
            ["batch"] = "The transaction the file was read in (stored whole or not at all).",
            ["samples"] = "Samples stored for the profile (0 unless ingested).",
            ["detail"] = "Why a file was skipped (the reader's one-line error), or which stored path has the same content.",
        },
        ["fleet top"] = TopColumns,
        ["fleet trend"] = new()
        {
            ["service"] = "The value of the `--by` label (one column per label; empty for profiles without it). The example groups by service and load.",
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
        },
        ["fleet sql"] = new()
        {
            ["service"] = "The columns are the query's own; the example counts profiles per service and pod label.",
            ["pod"] = "The pod label.",
            ["profiles"] = "Profiles of that service and pod.",
            ["samples"] = "Their samples.",
        },
        ["fleet export"] = new()
        {
            ["file"] = "A Parquet file written, relative to the export folder: DATASET/LABEL=VALUE/data_N.parquet.",
        },
        ["ssa"] = new()
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
        },
        ["goroutines top"] = new()
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
        },
        ["goroutines growth"] = new()
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
        },
        ["run"] = new()
        {
            ["name"] = "--list-params: the parameter's name in the notebook's parameters cell (what --param NAME=VALUE sets).",
            ["type"] = "The type the C# compiler gives its declaration: string, a number type, bool or string[]; `(fixed)` when the command line cannot set it.",
            ["default"] = "The value as the parameters cell writes it.",
            ["description"] = "The comment beside the declaration; for an array, how to give several values; what it is computed from unless given.",
        },
        ["capture"] = new()
        {
            ["at_s"] = "Seconds since the program started when the heap profile was taken.",
            ["inuse_space"] = "Total inuse_space of the profile (bytes live as of the last GC).",
            ["alloc_space"] = "Total alloc_space of the profile (bytes allocated since start).",
            ["inuse_objects"] = "Total inuse_objects of the profile.",
            ["source"] = "Where the profile came from: the pprof URL fetched, or the file the program wrote (--collect).",
        },
        ["heapdump info"] = new()
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
        },
        ["heapdump roots"] = new()
        {
            ["root"] = "The root: a global's symbol (`main.sessions`, `main.cache+0x8`) with `--binary`, else `data+0x…`/`bss+0x…`; `goroutine ID ENTRY`; `finalizer on 0xOBJECT (FUNCTION)`.",
            ["kind"] = "Root kind: global (a pointer word of the data or bss segment), goroutine (all frames of one goroutine), finalizer, other.",
            ["retained_bytes"] = "Bytes this root alone keeps alive: its dominator subtree, what a GC frees when the root goes.",
            ["retained_objects"] = "Objects in that subtree.",
            ["direct_objects"] = "Heap objects the root references itself.",
            ["share"] = "retained_bytes as a share of the reachable bytes.",
        },
        ["heapdump sites"] = new()
        {
            ["site"] = "file:line of the first non-runtime frame of the allocation stack (from the dump's memprof buckets and alloc samples).",
            ["function"] = "That frame's function.",
            ["objects"] = "Reachable sampled objects allocated there.",
            ["bytes"] = "Their bytes.",
            ["retained_bytes"] = "What those objects keep alive together: the union of their dominator subtrees.",
            ["garbage_objects"] = "Sampled objects allocated there that no root reaches.",
            ["garbage_bytes"] = "Their bytes.",
        },
        ["heapdump path"] = new()
        {
            ["depth"] = "0 for the root, then one more per reference followed; the last row is the target.",
            ["node"] = "The root's name at depth 0, else the object's address.",
            ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
            ["bytes"] = "The object's size (0 for a root).",
            ["site"] = "Allocation site of the object (file:line of the first non-runtime frame of its memprof bucket); empty when it was not sampled.",
            ["retained_bytes"] = "Bytes the node alone keeps alive.",
            ["via"] = "Where the root holds the first object: the frame's function for a goroutine (\"(address-taken variable)\" when through a stack variable), word for a global.",
        },
        ["heapdump dominators"] = new()
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
        },
        ["heapdump suspects"] = new()
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
        },
        ["heapdump diff"] = new()
        {
            ["root"] = "The root: a global's symbol (`main.sessions`, `main.cache+0x8`) with `--binary`, else `data+0x…`/`bss+0x…`; `goroutine ID ENTRY`; `finalizer on 0xOBJECT (FUNCTION)`.",
            ["site"] = "Allocation site (file:line), with --by site.",
            ["function"] = "The site's function.",
            ["kind"] = "Root kind: global (a pointer word of the data or bss segment), goroutine (all frames of one goroutine), finalizer, other.",
            ["retained_bytes_old"] = "Retained bytes in OLD (0 when absent there).",
            ["retained_bytes_new"] = "Retained bytes in NEW (0 when absent there).",
            ["delta_bytes"] = "retained_bytes_new − retained_bytes_old.",
        },
    };
}

using System.Globalization;
using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.Profiles;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Joins;

/// <summary>What explains a <see cref="WhyOnHeapRow"/>.</summary>
public enum WhyOnHeapStatus
{
    /// <summary>A heap decision of the escape log at the site (or where it was inlined into).</summary>
    Explained,
    /// <summary>No decision by design: a runtime allocation (append growth, map buckets…) that always goes to the heap.</summary>
    Runtime,
    /// <summary>Nothing explains it; <see cref="WhyOnHeapRow.Reason"/> says what is missing.</summary>
    Unexplained,
    /// <summary>The listing or log shows the line allocating, but the profile has no bytes for it (too rare or small to be
    /// sampled).</summary>
    NotSampled,
}

/// <summary>Spelling of <see cref="WhyOnHeapStatus"/> in tables (the <c>status</c> column).</summary>
public static class WhyOnHeapStatusText
{
    /// <summary><c>explained</c>, <c>runtime</c>, <c>unexplained</c> or <c>not-sampled</c>.</summary>
    public static string ToText(this WhyOnHeapStatus status) => status switch
    {
        WhyOnHeapStatus.Explained => "explained",
        WhyOnHeapStatus.Runtime => "runtime",
        WhyOnHeapStatus.Unexplained => "unexplained",
        WhyOnHeapStatus.NotSampled => "not-sampled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>One row of <see cref="WhyOnHeap"/>: a heap-profile allocation site and what explains it.</summary>
/// <param name="Status">
/// What explains the site; for <see cref="WhyOnHeapStatus.Runtime"/> the runtime allocation is named in <paramref name="Cause"/>,
/// for <see cref="WhyOnHeapStatus.Unexplained"/> <paramref name="Reason"/> says what is missing.
/// </param>
/// <param name="EscapeKind">The decisions' kinds (<c>escapes-to-heap</c>, <c>moved-to-heap</c>), <c>none</c> for runtime rows, "" when
/// unexplained.</param>
/// <param name="Cause"><see cref="EscapeCause"/> names of the decisions, or a <see cref="RuntimeAllocationCause"/> name; several joined
/// with "; ".</param>
/// <param name="Flow">Per decision: its subject and the chain of flow destinations to where it outlives the frame, with the last
/// step.</param>
/// <param name="AssemblyCall">Allocation calls of the <c>-S</c> listing at the site (<c>runtime.newobject</c>), distinct, ";
/// "-joined.</param>
/// <param name="DecisionAt">Where the decisions were found (the site, or the outermost frame it was inlined into), as the log writes
/// it.</param>
public sealed record WhyOnHeapRow(
    string Site, string Function, string File, long Line, long AllocSpace, long InuseSpace, double? RetentionRatio,
    WhyOnHeapStatus Status, string EscapeKind, string Cause, string Flow, string AssemblyCall, string AllocatedBy, string DecisionAt,
        string Reason);

/// <summary>
/// "Why is this on the heap?": every allocation site of a heap profile (<see cref="HeapAllocationSites"/>)
/// joined with the heap decisions of an escape log at the same file and line (paths matched across their
/// forms by <see cref="SourcePathKey"/>/<see cref="SourceFileResolver"/>) and with the allocation calls of an
/// assembly listing. Rules:
/// <list type="bullet">
/// <item>Inlined code: the compiler reports decisions at the outermost frame the code was inlined into, and the
/// listing puts the call at the innermost line; so decisions are looked up at the site when it also runs as its
/// own copy, and at each outermost frame it was inlined into.</item>
/// <item>A site whose allocation was made by a runtime function the escape analysis never decides about
/// (<see cref="RuntimeAllocationCause"/>: append growth, map buckets, channels…) is <c>runtime</c>, with that cause.</item>
/// <item>Otherwise the site is <c>unexplained</c> and the reason names what is missing: no escape log, no
/// <c>-m</c> output for the site's package, a file the log does not name, code inlined from another package with
/// no decision at the call site, an allocation made inside a standard-library function, or no decision at the line.</item>
/// </list>
/// Caveats: profiles have lines, not columns, so every heap decision on the line is attached (a line with two
/// allocations lists both); the profile is sampled, so small sites may be missing; the escape log and listing must
/// come from the same source as the profiled binary — the join cannot tell when they do not.
/// A last row, site <c>(standard library only)</c>, holds the bytes of samples with no frame outside the standard library.
/// Paths are shown relative to their module (<see cref="ModuleRelativePaths"/>): <c>order.go:26</c>, not <c>/home/me/batch/order.go:26</c>
/// in the site and <c>./order.go</c> in the decision.
/// </summary>
public static class WhyOnHeap
{
    public const string StandardLibraryOnlySite = "(standard library only)";

    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["site"] = "The allocation site, file:line: the innermost frame of the heap profile's stacks outside the standard "
            + "library and runtime.",
        ["function"] = "The site's function, as the profile names it.",
        ["file"] = "The site's file, as the profile names it.",
        ["line"] = CommonColumns.Line,
        ["alloc_space"] = CommonColumns.AllocSpace,
        ["inuse_space"] = CommonColumns.InuseSpace,
        ["retention_ratio"] = CommonColumns.RetentionRatio,
        ["status"] = "explained (a heap decision of the escape log at the site), runtime (a runtime allocation that always "
            + "goes to the heap), unexplained (see reason) or not-sampled (allocating lines the profile has no sample of, when asked for).",
        ["escape_kind"] = "The decisions' kinds (escapes-to-heap, moved-to-heap); none for runtime rows.",
        ["cause"] = "The decisions' causes (as in `EscapeLog.Causes()`), or the runtime allocation's (append growth, map growth…).",
        ["flow"] = "Per decision: its subject and the chain of flow destinations to where it outlives the frame.",
        ["assembly_call"] = "Allocation calls of the `-S` listing at the site, \"; \"-joined.",
        ["allocated_by"] = "The standard-library functions the site called that did the allocating (runtime.growslice…), most bytes first.",
        ["decision_at"] = "Where the decisions were found: the site, or the outermost frame it was inlined into.",
        ["reason"] = "Why a site is unexplained (empty otherwise).",
    };

    /// <summary>Joins; <paramref name="escape"/> and <paramref name="assembly"/> are optional. Rows by descending inuse_space, then
    /// alloc_space.</summary>
    /// <param name="includeUnsampled">
    /// Also list, with status <c>not-sampled</c> and zero bytes, the lines where the listing has an allocation call or
    /// the log a heap decision but the profile has no site: allocations too rare or small for the sampler to catch.
    /// </param>
    public static IReadOnlyList<WhyOnHeapRow> Join(Profile heap, EscapeLog? escape, AssemblyListing? assembly = null,
        bool includeUnsampled = false) =>
        Join(HeapAllocationSites.Find(heap), escape, assembly, includeUnsampled);

    /// <inheritdoc cref="Join(Profile, EscapeLog?, AssemblyListing?, bool)"/>
    public static IReadOnlyList<WhyOnHeapRow> Join(HeapAllocationSites sites, EscapeLog? escape, AssemblyListing? assembly = null,
        bool includeUnsampled = false)
    {
        var decisions = new Dictionary<(string, int), List<EscapeDiagnostic>>();
        var logPackages = new HashSet<string>(StringComparer.Ordinal);
        var logFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (escape is not null)
            foreach (var d in escape.Diagnostics)
            {
                if (d.File.Length == 0) continue;
                var key = SourcePathKey.Normalize(d.File, d.Package);
                logFiles.TryAdd(key, d.File);
                if (d.Package.Length > 0) logPackages.Add(d.Package.Split(' ')[0]);
                if (!d.Kind.IsHeapDecision()) continue;
                if (!decisions.TryGetValue((key, d.Line), out var list)) decisions[(key, d.Line)] = list = [];
                list.Add(d);
            }
        var logResolver = new SourceFileResolver(logFiles.Keys);
        var calls = new Dictionary<(string, int), List<AllocationCall>>();
        foreach (var c in assembly?.Calls ?? [])
        {
            var key = SourcePathKey.Normalize(c.File);
            if (!calls.TryGetValue((key, c.Line), out var list)) calls[(key, c.Line)] = list = [];
            list.Add(c);
        }
        var asmResolver = new SourceFileResolver(calls.Keys.Select(k => k.Item1));

        var rows = new List<WhyOnHeapRow>(sites.Sites.Count + 1);
        var covered = new HashSet<(string, int)>();
        foreach (var site in sites.Sites)
        {
            rows.Add(Explain(site, escape, decisions, logPackages, logResolver, calls, asmResolver, hasListing: assembly is not null));
            var key = SourcePathKey.Normalize(site.File, SourcePathKey.PackageOfFunction(site.Function));
            if (logResolver.Resolve(key) is { } logFile) covered.Add((logFile, (int)site.Line));
            if (asmResolver.Resolve(key) is { } asmFile) covered.Add((asmFile, (int)site.Line));
        }
        if (includeUnsampled) rows.AddRange(Unsampled(escape, decisions, calls, logResolver, covered));
        // Profiles and listings of ordinary builds name files absolutely, -m logs relative to the build: show both as the module does.
        var paths = ModuleRelativePaths.For(
            sites.Sites.Select(s => s.File).Concat(sites.Sites.SelectMany(s => s.InlinedInto.Select(i => i.File))).Concat((assembly?.Calls
                ?? []).Select(c => c.File)),
            logFiles.Values);
        rows = rows.Select(paths.Apply).ToList();
        if (sites.UnattributedAllocSpace != 0 || sites.UnattributedInuseSpace != 0)
            rows.Add(new WhyOnHeapRow(StandardLibraryOnlySite, "", "", 0, sites.UnattributedAllocSpace, sites.UnattributedInuseSpace,
                Ratio(sites.UnattributedInuseSpace, sites.UnattributedAllocSpace), WhyOnHeapStatus.Unexplained, "", "", "", "", "", "",
                "every frame of these samples is in the standard library or runtime (goroutine stacks, library-internal buffers)"));
        return rows;
    }

    private static IEnumerable<WhyOnHeapRow> Unsampled(EscapeLog? escape, Dictionary<(string, int), List<EscapeDiagnostic>> decisions,
        Dictionary<(string, int), List<AllocationCall>> calls, SourceFileResolver logResolver, HashSet<(string, int)> covered)
    {
        var rows = new List<WhyOnHeapRow>();
        var usedDecisions = new HashSet<(string, int)>();
        foreach (var ((file, line), list) in calls.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2))
        {
            if (covered.Contains((file, line))) continue;
            var logFile = logResolver.Resolve(file);
            if (logFile is not null && covered.Contains((logFile, line))) continue;
            var found = logFile is not null && decisions.TryGetValue((logFile, line), out var ds) ? ds : [];
            if (logFile is not null) usedDecisions.Add((logFile, line));
            var assemblyCall = string.Join("; ", list.Select(c => "runtime." + c.RuntimeFunction).Distinct());
            var runtimeCause = list.Select(c => RuntimeAllocationCause.Of(c.RuntimeFunction)).FirstOrDefault(c => c is not null);
            if (found.Count > 0 && escape is not null)
                rows.Add(DecisionRow(escape, found, $"{file}:{line}", list[0].Function, file, line, assemblyCall));
            else if (runtimeCause is not null)
                rows.Add(new WhyOnHeapRow($"{file}:{line}", list[0].Function, file, line, 0, 0, null, WhyOnHeapStatus.NotSampled, "none",
                    runtimeCause, "", assemblyCall, "", "", ""));
        }
        if (escape is not null)
            foreach (var ((file, line), list) in decisions.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2))
                if (!covered.Contains((file, line)) && !usedDecisions.Contains((file, line)))
                    rows.Add(DecisionRow(escape, list, $"{list[0].File}:{line}", list[0].Function, list[0].File, line, ""));
        return rows;
    }

    private static WhyOnHeapRow DecisionRow(EscapeLog escape, List<EscapeDiagnostic> found, string site, string function, string file,
        int line, string assemblyCall)
    {
        var unique = found.DistinctBy(d => (d.File, d.Line, d.Column, d.Subject, d.Kind)).ToList();
        return new WhyOnHeapRow(site, function, file, line, 0, 0, null, WhyOnHeapStatus.NotSampled,
            string.Join("; ", unique.Select(d => d.Kind.ToText()).Distinct()),
            string.Join("; ", unique.Select(d => escape.CauseOf(d).ToText()).Distinct()),
            string.Join(" | ", unique.Select(d => FlowSummary(escape, d))), assemblyCall, "",
            string.Join("; ", unique.Select(d => $"{d.File}:{d.Line}:{d.Column}").Distinct()), "");
    }

    private static WhyOnHeapRow Explain(HeapAllocationSite site, EscapeLog? escape,
        Dictionary<(string, int), List<EscapeDiagnostic>> decisions, HashSet<string> logPackages, SourceFileResolver logResolver,
        Dictionary<(string, int), List<AllocationCall>> calls, SourceFileResolver asmResolver, bool hasListing)
    {
        var package = SourcePathKey.PackageOfFunction(site.Function);
        var siteKey = SourcePathKey.Normalize(site.File, package);

        var asmFile = asmResolver.Resolve(siteKey);
        var siteCalls = asmFile is not null && calls.TryGetValue((asmFile, (int)site.Line), out var cs) ? cs : [];
        var assemblyCall = string.Join("; ", siteCalls.Select(c => "runtime." + c.RuntimeFunction).Distinct());

        // Where the compiler would have reported the decision: the site itself, and/or the outermost frames of inlining.
        var places = new List<(string Key, long Line)>();
        if (site.AlsoStandalone) places.Add((siteKey, site.Line));
        foreach (var (function, file, line) in site.InlinedInto)
            places.Add((SourcePathKey.Normalize(file, SourcePathKey.PackageOfFunction(function)), line));
        var found = new List<EscapeDiagnostic>();
        var unresolved = new List<string>();
        foreach (var (key, line) in places.Distinct())
        {
            var logFile = logResolver.Resolve(key);
            if (logFile is null) { unresolved.Add(key); continue; }
            if (decisions.TryGetValue((logFile, (int)line), out var list)) found.AddRange(list);
        }
        var allocatedBy = string.Join("; ", site.AllocatedBy);
        var ratio = Ratio(site.InuseSpace, site.AllocSpace);
        WhyOnHeapRow Row(WhyOnHeapStatus status, string kind, string cause, string flow, string at, string reason) =>
            new(site.Site, site.Function, site.File, site.Line, site.AllocSpace, site.InuseSpace, ratio,
                status, kind, cause, flow, assemblyCall, allocatedBy, at, reason);

        if (found.Count > 0 && escape is not null)
        {
            var unique = found.DistinctBy(d => (d.File, d.Line, d.Column, d.Subject, d.Kind)).ToList();
            return Row(WhyOnHeapStatus.Explained,
                string.Join("; ", unique.Select(d => d.Kind.ToText()).Distinct()),
                string.Join("; ", unique.Select(d => escape.CauseOf(d).ToText()).Distinct()),
                string.Join(" | ", unique.Select(d => FlowSummary(escape, d))),
                string.Join("; ", unique.Select(d => $"{d.File}:{d.Line}:{d.Column}").Distinct()), "");
        }
        var runtimeCause = site.AllocatedBy.Select(RuntimeAllocationCause.Of).FirstOrDefault(c => c is not null)
            ?? siteCalls.Select(c => RuntimeAllocationCause.Of(c.RuntimeFunction)).FirstOrDefault(c => c is not null);
        if (runtimeCause is not null)
            return Row(WhyOnHeapStatus.Runtime, "none", runtimeCause, "", "", "");

        string reason;
        if (escape is null) reason = "no escape log given";
        else if (package.Length > 0 && package != "main" && logPackages.Count > 0 && !logPackages.Contains(package)
                 && site.AlsoStandalone && site.InlinedInto.Count == 0)
            reason = $"no -m output for package {package} (build it with -gcflags='{package}=-m=2' or -gcflags=all=-m=2)";
        else if (unresolved.Count > 0 && unresolved.Count == places.Count)
            reason = $"the escape log names no file matching {site.File}";
        else if (!site.AlsoStandalone && site.InlinedInto.Count > 0)
            reason = (site.InlinedInto.All(i => SourcePathKey.PackageOfFunction(i.Function) == package) ? "inlined into "
                : $"inlined from package {package} into ")
                + $"{string.Join(", ", site.InlinedInto.Select(i => $"{i.Function} at {i.File}:{i.Line}"))}; no heap decision there"
                + (site.AllocatedBy.Count > 0 ? $" (the allocation is inside {site.AllocatedBy[0]})" : "");
        else if (site.AllocatedBy.Count > 0)
            reason = $"allocated inside {site.AllocatedBy[0]} (standard library: its decisions are in its own package's -m output, "
                + "-gcflags=all=-m=2)";
        else reason = "no heap decision at this line in the escape log";
        // Go's heap profiles hide the runtime frames at the top of each stack (runtime/pprof/protomem.go), so map buckets,
        // append growth and channels made by the runtime show up as the caller's own bytes; only the -S listing names the call.
        if (escape is not null && !hasListing && site.AllocatedBy.Count == 0)
            reason += "; an assembly listing (-gcflags=-S) would show whether the runtime made it (map buckets, append growth, a channel): "
                + "heap profiles leave out the runtime's frames";
        return Row(WhyOnHeapStatus.Unexplained, "", "", "", "", reason);
    }

    /// <summary>
    /// A decision's explanation in one line: the subject, the chain of flow destinations (<c>e → {heap}</c>) and
    /// the last <c>from</c> step, e.g. <c>&amp;entry{...} → e → {heap}: c.entries[id] = e (assign) at internal/cache/cache.go:35:16</c>.
    /// Only the subject without <c>-m=2</c>.
    /// </summary>
    public static string FlowSummary(EscapeLog log, EscapeDiagnostic decision)
    {
        var steps = log.StepsOf(decision).ToList();
        var chain = new List<string> { decision.Subject };
        foreach (var step in steps.Where(s => s.Kind == FlowStepKind.Flow))
            if (chain[^1] != step.Destination) chain.Add(step.Destination);
        var last = steps.LastOrDefault(s => s.Kind == FlowStepKind.From);
        var text = string.Join(" → ", chain);
        if (last is null) return text;
        var at = last.AtFile.Length > 0 ? $" at {last.AtFile}:{last.AtLine}" + (last.AtColumn > 0 ? $":{last.AtColumn}" : "") : "";
        return $"{text}: {last.Expression} ({last.Reason}){at}";
    }

    /// <summary>
    /// Columns: site, function, file, line, alloc_space, inuse_space, retention_ratio (inuse/alloc, null when
    /// nothing was allocated), status, escape_kind, cause, flow, assembly_call, allocated_by, decision_at, reason.
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<WhyOnHeapRow> rows) => new(
        new StringDataFrameColumn("site", rows.Select(r => r.Site)),
        new StringDataFrameColumn("function", rows.Select(r => r.Function)),
        new StringDataFrameColumn("file", rows.Select(r => r.File)),
        new Int64DataFrameColumn("line", rows.Select(r => r.Line)),
        new Int64DataFrameColumn("alloc_space", rows.Select(r => r.AllocSpace)),
        new Int64DataFrameColumn("inuse_space", rows.Select(r => r.InuseSpace)),
        new DoubleDataFrameColumn("retention_ratio", rows.Select(r => r.RetentionRatio)),
        new StringDataFrameColumn("status", rows.Select(r => r.Status.ToText())),
        new StringDataFrameColumn("escape_kind", rows.Select(r => r.EscapeKind)),
        new StringDataFrameColumn("cause", rows.Select(r => r.Cause)),
        new StringDataFrameColumn("flow", rows.Select(r => r.Flow)),
        new StringDataFrameColumn("assembly_call", rows.Select(r => r.AssemblyCall)),
        new StringDataFrameColumn("allocated_by", rows.Select(r => r.AllocatedBy)),
        new StringDataFrameColumn("decision_at", rows.Select(r => r.DecisionAt)),
        new StringDataFrameColumn("reason", rows.Select(r => r.Reason)));

    /// <summary>Joins and returns the table in one call (see <see cref="Join(Profile, EscapeLog?, AssemblyListing?, bool)"/>).</summary>
    public static DataFrame Table(Profile heap, EscapeLog? escape, AssemblyListing? assembly = null) =>
        ToDataFrame(Join(heap, escape, assembly));

    private static double? Ratio(long inuse, long alloc) =>
        alloc == 0 ? null : (double)inuse / alloc;
}

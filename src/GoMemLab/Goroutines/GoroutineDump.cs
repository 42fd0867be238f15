using GoMemLab.Goroutines.Analyses;
using GoMemLab.Goroutines.Parsing;
using GoMemLab.Inputs;
using GoMemLab.Telemetry;

namespace GoMemLab.Goroutines;

/// <summary>
/// One goroutine dump in any of Go's forms — protobuf (<c>debug=0</c>), the count text (<c>debug=1</c>), every
/// goroutine (<c>debug=2</c>) or the same shape in a panic or SIGQUIT traceback — and the Go 1.26+ goroutineleak
/// profile in each. Frames and stacks are stored once each (<see cref="Frames"/>, <see cref="Stacks"/>);
/// <see cref="Records"/> counts goroutines per stack in every form; <see cref="Goroutines"/> lists each goroutine
/// (id, state, wait, creation site, arguments) for the forms that print them and is null for the others.
/// <para>
/// Load with <see cref="Load"/> (a file) or <see cref="LoadAsync"/> (a file or <c>http://…/debug/pprof/goroutine?debug=N</c>).
/// The analyses are methods: <see cref="ByStart"/>, <see cref="ByCreation"/>, <see cref="ByState"/> (or <see cref="Top"/>),
/// and <see cref="GoroutineGrowth"/> over several dumps. Immutable once loaded.
/// </para>
/// </summary>
public sealed class GoroutineDump
{
    internal GoroutineDump(string source, GoroutineDumpForm form, GoroutineProfileKind kind, DateTimeOffset? capturedAt, FrameTable frames,
        StackTable stacks, IReadOnlyList<StackRecord> records, GoroutineTable? goroutines, string preamble, SkippedLines skipped,
        IReadOnlyList<string> warnings)
    {
        Source = source;
        Form = form;
        Kind = kind;
        CapturedAt = capturedAt;
        Frames = frames;
        Stacks = stacks;
        Records = records;
        Goroutines = goroutines;
        Preamble = preamble;
        Skipped = skipped;
        Warnings = warnings;
        Total = records.Sum(r => r.Count);
    }

    /// <summary>The path or URL the dump came from, as given.</summary>
    public string Source { get; }

    public GoroutineDumpForm Form { get; }

    /// <summary>All goroutines, or only the leaked ones (the goroutineleak profile's debug=0 and debug=1 forms).</summary>
    public GoroutineProfileKind Kind { get; }

    /// <summary>
    /// When the dump was taken: the protobuf's time_nanos, or the moment a URL answered; null for text files,
    /// which do not record it (give snapshot times to <see cref="GoroutineGrowth"/> then).
    /// </summary>
    public DateTimeOffset? CapturedAt { get; }

    public FrameTable Frames { get; }

    public StackTable Stacks { get; }

    /// <summary>Goroutines per stack, in the dump's order (debug=2: in order of each stack's first goroutine).</summary>
    public IReadOnlyList<StackRecord> Records { get; }

    /// <summary>Every goroutine, for debug=2 dumps and tracebacks; null for protobuf and debug=1, which only count per stack.</summary>
    public GoroutineTable? Goroutines { get; }

    /// <summary>The number of goroutines in the dump (for a traceback: those it printed; goroutine 0, a thread's system stack, is not
    /// one).</summary>
    public long Total { get; }

    /// <summary>What a traceback printed before its first goroutine (<c>panic: …</c>, <c>SIGQUIT: quit</c>, …), at most 20 lines; empty
    /// otherwise.</summary>
    public string Preamble { get; }

    /// <summary>
    /// Why a traceback was printed: the first preamble line that says so (<c>panic: …</c>, <c>fatal error: …</c>,
    /// <c>SIGQUIT: quit</c>, <c>unexpected fault address …</c>), else its first line; empty for dumps without a preamble.
    /// </summary>
    public string Reason => Preamble.Split('\n').FirstOrDefault(l => ReasonStarts.Any(s => l.StartsWith(s, StringComparison.Ordinal)))
        ?? Preamble.Split('\n')[0];

    private static readonly string[] ReasonStarts = ["panic: ", "fatal error: ", "SIG", "unexpected fault", "runtime: ", "[signal "];

    /// <summary>Lines outside any goroutine record that were not part of the form (a crash's register dump, program output),
    /// counted.</summary>
    public SkippedLines Skipped { get; }

    /// <summary>Things the reader noticed that make the counts a lower bound (e.g. runtime/pprof's 64 MiB cut of debug=2).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the dump lists goroutines one by one, so creation sites and states can be grouped.</summary>
    public bool HasGoroutineDetail => Goroutines is not null;

    /// <summary>
    /// Reads the dump at <paramref name="path"/> (gzip allowed), recognising the form from the content, not the
    /// name. debug=2 text is read as a stream (a 1 GB dump is not held in memory). Throws
    /// <see cref="InputFormatException"/> naming the file and line (or byte offset) for anything it cannot read:
    /// another kind of file or profile, a record cut short, a count that does not add up, a duplicate id.
    /// Cancelling stops the read within about a megabyte.
    /// </summary>
    public static GoroutineDump Load(string path, CancellationToken cancel = default) => GoroutineDumpLoader.LoadFile(path, cancel);

    /// <summary>
    /// Loads a file (as <see cref="Load"/>) or fetches an <c>http(s)://</c> URL such as
    /// <c>http://127.0.0.1:6060/debug/pprof/goroutine?debug=2</c>, off the caller's thread. A URL's dump gets
    /// <see cref="CapturedAt"/> = the time its answer arrived. Network failures are <see cref="InputFormatException"/>s naming the URL.
    /// </summary>
    public static Task<GoroutineDump> LoadAsync(string pathOrUrl, CancellationToken cancel = default) =>
        GoroutineDumpLoader.LoadPathOrUrlAsync(pathOrUrl, cancel);

    /// <summary>Reads a dump already in memory (a download, a test); <paramref name="name"/> is used in messages.</summary>
    public static GoroutineDump Parse(byte[] content, string name, CancellationToken cancel = default) =>
        GoroutineDumpLoader.LoadBytes(content, name, null, cancel);

    /// <summary>The frames of <paramref name="stack"/>, innermost first.</summary>
    public IReadOnlyList<StackFrame> StackFrames(int stack)
    {
        var frames = Stacks.Frames(stack);
        var result = new StackFrame[frames.Length];
        for (var i = 0; i < frames.Length; i++) result[i] = Frames[frames[i]];
        return result;
    }

    /// <summary>Goroutines grouped by <paramref name="by"/>, largest group first (see <see cref="GoroutineGroups"/>).</summary>
    public GoroutineGroups Top(GoroutineGrouping by = GoroutineGrouping.Start) => GoroutineGroups.Compute(this, by);

    /// <summary>Goroutines per start function (the outermost frame Go shows; see <see cref="StartFunction"/>). Works on every
    /// form.</summary>
    public GoroutineGroups ByStart() => Top(GoroutineGrouping.Start);

    /// <summary>
    /// Goroutines per creation site, <c>F (file:line)</c> of their <c>created by</c> line. debug=2 and tracebacks only:
    /// throws <see cref="InputFormatException"/> naming the file for protobuf and debug=1 dumps, which do not record it.
    /// </summary>
    public GoroutineGroups ByCreation() => Top(GoroutineGrouping.Creation);

    /// <summary>
    /// Goroutines per state or wait reason, with how long they had waited. debug=2 and tracebacks only: throws
    /// <see cref="InputFormatException"/> naming the file for protobuf and debug=1 dumps.
    /// </summary>
    public GoroutineGroups ByState() => Top(GoroutineGrouping.State);

    /// <summary>
    /// One row per goroutine (debug=2, tracebacks) or per stack record (protobuf, debug=1): see
    /// <see cref="GoroutineRows.ToDataFrame"/> for the columns.
    /// </summary>
    public Microsoft.Data.Analysis.DataFrame ToDataFrame() => GoroutineRows.ToDataFrame(this);

    /// <summary>The card <c>#!goroutines</c> shows: form, totals, the largest groups, the states.</summary>
    public Reports.SummaryCard Card(string? title = null) => Reports.GoroutineCards.ForDump(this, title);

    public override string ToString() => $"{Path.GetFileName(Source)}: {Total:N0} goroutines, {Form.ToText()}";
}

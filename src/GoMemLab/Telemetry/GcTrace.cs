using System.Text;
using GoMemLab.Inputs;
using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// The GCs of one <c>GODEBUG=gctrace=1</c> log, in file order, plus what was skipped. A log is usually a
/// program's whole stderr: its own output, <c>scvg</c> and pacer lines are skipped and counted (reason
/// "not gctrace"), lines that start like "gc N" but are cut short or garbled are skipped and counted as
/// damaged. A complete gctrace line after a log collector's prefix ("… stderr F gc 1 @…") is read as well. Neither is fatal; a source
/// without a single gctrace line is (<see cref="InputFormatException"/>).
/// </summary>
public sealed class GcTrace
{
    /// <summary>Reason recorded for lines that are not gctrace output.</summary>
    public const string NotGcTrace = "not gctrace";

    /// <summary>Reason recorded for lines that start like "gc N" but do not parse.</summary>
    public const string DamagedGcLine = "truncated or damaged gc line";

    /// <summary>The exact CSV header of <see cref="ToDataFrame"/> (a published contract).</summary>
    public const string CsvHeader =
        "gc,at_s,cpu_pct,clock_sweep_term_ms,clock_mark_ms,clock_mark_term_ms,cpu_sweep_term_ms,cpu_assist_ms,cpu_background_ms,"
        + "cpu_idle_ms,cpu_mark_term_ms,heap_start_mb,heap_end_mb,heap_live_mb,goal_mb,stacks_mb,globals_mb,procs,forced";

    /// <summary>Reason recorded for <c>scan:</c> lines (gctrace=2) that start like one but do not parse.</summary>
    public const string DamagedScanLine = "damaged gctrace=2 scan line";

    private GcTrace(string source, List<GcTraceLine> lines, List<GcScanStat> scanStats, SkippedLines skipped, long totalLines)
    {
        Source = source;
        Lines = lines;
        ScanStats = scanStats;
        Skipped = skipped;
        TotalLines = totalLines;
    }

    /// <summary>The file name (or label) the log came from.</summary>
    public string Source { get; }

    /// <summary>One entry per parsed GC, in file order.</summary>
    public IReadOnlyList<GcTraceLine> Lines { get; }

    /// <summary>The <c>scan:</c> lines of a <c>GODEBUG=gctrace=2</c> log (Go 1.25+), each with the GC it follows; empty
    /// otherwise.</summary>
    public IReadOnlyList<GcScanStat> ScanStats { get; }

    /// <summary>Lines that were not gctrace lines or were damaged.</summary>
    public SkippedLines Skipped { get; }

    /// <summary>Number of lines read, parsed or not.</summary>
    public long TotalLines { get; }

    /// <summary>
    /// Loads a gctrace log (plain or gzip; the content decides, not the name). Throws <see cref="InputFormatException"/>
    /// for a missing file or one without any gctrace line; a cancel is seen every megabyte.
    /// </summary>
    public static GcTrace Load(string path, CancellationToken cancel = default)
    {
        // Real gctrace lines are 120-150 bytes; sizing the list up front avoids regrowing a large array.
        var size = File.Exists(path) ? new FileInfo(path).Length : 0;
        var builder = new Builder((int)Math.Min(size / 120, 50_000_000));
        ByteLines.ReadFile(path, builder.Add, cancel);
        return builder.Build(path);
    }

    /// <summary><see cref="Load(string, CancellationToken)"/> off the caller's thread (a notebook kernel's, a UI's).</summary>
    public static Task<GcTrace> LoadAsync(string path, CancellationToken cancel = default) =>
        Task.Run(() => Load(path, cancel), cancel);

    /// <summary>Loads a gctrace log from a stream; <paramref name="source"/> names it in errors.</summary>
    public static GcTrace Load(Stream stream, string source, CancellationToken cancel = default)
    {
        var builder = new Builder(0);
        ByteLines.Read(stream, builder.Add, cancel);
        return builder.Build(source);
    }

    /// <summary>Parses log text already in memory (a notebook cell, a test, a captured stderr).</summary>
    public static GcTrace Parse(string text, string source = "(text)") =>
        Load(new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false), source);

    /// <summary>The headline figures: GC rate, GC CPU, pauses, live heap range, and the live-heap trend (<see
    /// cref="GcTraceSummary"/>).</summary>
    public GcTraceSummary Summary() => GcTraceSummary.Of(this);

    /// <summary>
    /// The leak signal of the live heap after each GC against time in minutes (see <see cref="LeakSignal"/>;
    /// floor 2 MiB because gctrace prints whole MiB).
    /// </summary>
    public LeakSignal LiveHeapTrend()
    {
        var times = new double[Lines.Count];
        var live = new double[Lines.Count];
        for (int i = 0; i < times.Length; i++)
        {
            times[i] = Lines[i].AtSeconds / 60;
            live[i] = Lines[i].HeapLiveMb;
        }
        return LeakSignal.Assess("heap_live_mb", "MB", "min", times, live, absoluteFloor: 2);
    }

    /// <summary>The <paramref name="count"/> GCs with the longest stop-the-world time, longest first (ties by GC number).</summary>
    public IReadOnlyList<GcTraceLine> LongestPauses(int count) =>
        Lines.OrderByDescending(l => l.StopTheWorldMs).ThenBy(l => l.Gc).Take(count).ToList();

    /// <summary>
    /// This trace's pauses against the PauseNs ring of <paramref name="snapshot"/>, a MemStats reading of the same
    /// run (nothing here can check that it is): see <see cref="PauseCrossCheck"/>.
    /// </summary>
    public PauseCrossCheck ComparePauses(MemStatsSnapshot snapshot) => PauseCrossCheck.Of(this, snapshot);

    /// <summary>
    /// One row per GC with every field of the line, columns named as in <see cref="CsvHeader"/>;
    /// stacks_mb and globals_mb are null for lines in the older layout that lacks them.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        int n = Lines.Count;
        var gc = new Int32DataFrameColumn("gc", n);
        var at = new DoubleDataFrameColumn("at_s", n);
        var cpuPct = new Int32DataFrameColumn("cpu_pct", n);
        var clockSweep = new DoubleDataFrameColumn("clock_sweep_term_ms", n);
        var clockMark = new DoubleDataFrameColumn("clock_mark_ms", n);
        var clockMarkTerm = new DoubleDataFrameColumn("clock_mark_term_ms", n);
        var cpuSweep = new DoubleDataFrameColumn("cpu_sweep_term_ms", n);
        var cpuAssist = new DoubleDataFrameColumn("cpu_assist_ms", n);
        var cpuBackground = new DoubleDataFrameColumn("cpu_background_ms", n);
        var cpuIdle = new DoubleDataFrameColumn("cpu_idle_ms", n);
        var cpuMarkTerm = new DoubleDataFrameColumn("cpu_mark_term_ms", n);
        var heapStart = new Int64DataFrameColumn("heap_start_mb", n);
        var heapEnd = new Int64DataFrameColumn("heap_end_mb", n);
        var heapLive = new Int64DataFrameColumn("heap_live_mb", n);
        var goal = new Int64DataFrameColumn("goal_mb", n);
        var stacks = new Int64DataFrameColumn("stacks_mb", n);
        var globals = new Int64DataFrameColumn("globals_mb", n);
        var procs = new Int32DataFrameColumn("procs", n);
        var forced = new BooleanDataFrameColumn("forced", n);
        for (int i = 0; i < n; i++)
        {
            var l = Lines[i];
            gc[i] = l.Gc; at[i] = l.AtSeconds; cpuPct[i] = l.CpuPercent;
            clockSweep[i] = l.ClockSweepTerminationMs; clockMark[i] = l.ClockMarkMs; clockMarkTerm[i] = l.ClockMarkTerminationMs;
            cpuSweep[i] = l.CpuSweepTerminationMs; cpuAssist[i] = l.CpuAssistMs; cpuBackground[i] = l.CpuBackgroundMs;
            cpuIdle[i] = l.CpuIdleMs; cpuMarkTerm[i] = l.CpuMarkTerminationMs;
            heapStart[i] = l.HeapStartMb; heapEnd[i] = l.HeapEndMb; heapLive[i] = l.HeapLiveMb; goal[i] = l.GoalMb;
            stacks[i] = l.StacksMb; globals[i] = l.GlobalsMb; procs[i] = l.Procs; forced[i] = l.Forced;
        }
        return new DataFrame(gc, at, cpuPct, clockSweep, clockMark, clockMarkTerm, cpuSweep, cpuAssist, cpuBackground,
            cpuIdle, cpuMarkTerm, heapStart, heapEnd, heapLive, goal, stacks, globals, procs, forced);
    }

    private sealed class Builder(int capacity)
    {
        private readonly List<GcTraceLine> _lines = new(capacity);
        private readonly List<GcScanStat> _scanStats = new();
        private readonly SkippedLines _skipped = new();
        private long _total;

        public void Add(ReadOnlySpan<byte> line, long lineNumber)
        {
            _total = lineNumber;
            if (GcTraceLineParser.TryParse(line, lineNumber, out var parsed)) _lines.Add(parsed);
            else if (GcScanStat.LooksLikeScanLine(line)) AddScanLine(line, lineNumber);
            else if (TryParsePrefixed(line, lineNumber, out parsed)) _lines.Add(parsed);
            else _skipped.Add(lineNumber, GcTraceLineParser.LooksLikeGcLine(line) ? DamagedGcLine : NotGcTrace);
        }

        // gctrace=2 prints its scan lines right after their GC's line, under the same print lock.
        private void AddScanLine(ReadOnlySpan<byte> line, long lineNumber)
        {
            var gc = _lines.Count > 0 ? _lines[^1].Gc : 0;
            if (GcScanStat.TryParse(Encoding.UTF8.GetString(line), gc, lineNumber, out var stat)) _scanStats.Add(stat!);
            else _skipped.Add(lineNumber, DamagedScanLine);
        }

        // Log collectors prefix each line (journald, Kubernetes' CRI files: "2026-11-25T17:48:08Z stderr F gc 1 @…"):
        // accept a complete gctrace line after a space. Only lines that failed the fast path pay for the search.
        private static bool TryParsePrefixed(ReadOnlySpan<byte> line, long lineNumber, out GcTraceLine parsed)
        {
            parsed = default;
            var at = line.IndexOf(" gc "u8);
            return at > 0 && GcTraceLineParser.TryParse(line[(at + 1)..], lineNumber, out parsed);
        }

        public GcTrace Build(string source)
        {
            if (_lines.Count == 0)
                throw new InputFormatException(source, _total == 0
                    ? "is empty, expected GODEBUG=gctrace=1 output"
                    : $"has no gctrace line in {_total:N0} lines (expected lines like \"gc 1 @0.01s 2%: …\"; capture the stderr of a "
                        + $"program run with GODEBUG=gctrace=1)");
            return new GcTrace(source, _lines, _scanStats, _skipped, _total);
        }
    }
}

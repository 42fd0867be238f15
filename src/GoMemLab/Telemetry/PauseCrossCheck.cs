using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>One GC seen by both gctrace and the MemStats PauseNs ring; difference = MemStats − trace, ms.</summary>
public sealed record PausePair(int Gc, double TraceStopTheWorldMs, double MemStatsPauseMs, double DifferenceMs);

/// <summary>
/// Two views of the same stop-the-world pauses: gctrace's sweep-termination + mark-termination clock
/// phases per GC, and the MemStats PauseNs ring of a snapshot from the same process. GC number g is in
/// the ring at PauseNs[(g−1) mod 256] while g is among the last 256 GCs of that snapshot (Go documents
/// the most recent at PauseNs[(NumGC+255)%256]). The two are measured by different clocks and the
/// trace rounds to two significant digits, so expect close, not equal, values. Pairs only GCs present in
/// both; the caller must pass a trace and snapshot of the same run (nothing here can check that).
/// Made by <see cref="GcTrace.ComparePauses"/>.
/// </summary>
public sealed class PauseCrossCheck
{
    private PauseCrossCheck(IReadOnlyList<PausePair> rows) => Rows = rows;

    /// <summary>One row per GC in both, in trace order.</summary>
    public IReadOnlyList<PausePair> Rows { get; }

    internal static PauseCrossCheck Of(GcTrace trace, MemStatsSnapshot snapshot)
    {
        var rows = new List<PausePair>();
        if (snapshot.NumGC is { } numGc && snapshot.PauseNs.Count > 0)
        {
            var ring = (ulong)snapshot.PauseNs.Count;
            foreach (var line in trace.Lines)
            {
                var gc = (ulong)line.Gc;
                if (gc == 0 || gc > numGc || gc + ring <= numGc) continue;
                var memStatsMs = snapshot.PauseNs[(int)((gc - 1) % ring)] / 1e6;
                rows.Add(new PausePair(line.Gc, line.StopTheWorldMs, memStatsMs, Math.Round(memStatsMs - line.StopTheWorldMs, 6)));
            }
        }
        return new PauseCrossCheck(rows);
    }

    /// <summary>Columns gc, trace_stw_ms, memstats_pause_ms, difference_ms.</summary>
    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("gc", Rows.Select(r => r.Gc)),
        new DoubleDataFrameColumn("trace_stw_ms", Rows.Select(r => r.TraceStopTheWorldMs)),
        new DoubleDataFrameColumn("memstats_pause_ms", Rows.Select(r => r.MemStatsPauseMs)),
        new DoubleDataFrameColumn("difference_ms", Rows.Select(r => r.DifferenceMs)));
}

using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// Two views of the same stop-the-world pauses: gctrace's sweep-termination + mark-termination clock
/// phases per GC, and the MemStats PauseNs ring of a snapshot from the same process. GC number g is in
/// the ring at PauseNs[(g−1) mod 256] while g is among the last 256 GCs of that snapshot (Go documents
/// the most recent at PauseNs[(NumGC+255)%256]). The two are measured by different clocks and the
/// trace rounds to two significant digits, so expect close, not equal, values. Pairs only GCs present in
/// both; the caller must pass a trace and snapshot of the same run (nothing here can check that).
/// </summary>
public static class PauseCrossCheck
{
    /// <summary>One row per GC in both: gc, trace_stw_ms, memstats_pause_ms, difference_ms (memstats − trace).</summary>
    public static DataFrame Compare(GcTrace trace, MemStatsSnapshot snapshot)
    {
        var rows = new List<(int Gc, double Trace, double Ring)>();
        if (snapshot.NumGC is { } numGc && snapshot.PauseNs.Count > 0)
        {
            var ring = (ulong)snapshot.PauseNs.Count;
            foreach (var line in trace.Lines)
            {
                var gc = (ulong)line.Gc;
                if (gc == 0 || gc > numGc || gc + ring <= numGc) continue;
                rows.Add((line.Gc, line.StopTheWorldMs, snapshot.PauseNs[(int)((gc - 1) % ring)] / 1e6));
            }
        }
        return new DataFrame(
            new Int32DataFrameColumn("gc", rows.Select(r => r.Gc)),
            new DoubleDataFrameColumn("trace_stw_ms", rows.Select(r => r.Trace)),
            new DoubleDataFrameColumn("memstats_pause_ms", rows.Select(r => r.Ring)),
            new DoubleDataFrameColumn("difference_ms", rows.Select(r => Math.Round(r.Ring - r.Trace, 6))));
    }
}

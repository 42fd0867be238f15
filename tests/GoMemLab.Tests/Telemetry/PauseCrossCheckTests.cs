using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>gctrace's STW phases against the same run's MemStats PauseNs ring.</summary>
public class PauseCrossCheckTests
{
    [Fact]
    public void Churn_trace_pauses_match_the_memstats_ring_of_the_same_run()
    {
        var trace = GcTrace.Load(RepoPaths.Artifact("telemetry", "churn-gctrace.log"));
        var last = MemStatsSeries.Load(RepoPaths.Artifact("telemetry", "churn-memstats.jsonl")).Snapshots[^1];
        var frame = trace.ComparePauses(last).ToDataFrame();
        var expected = (int)Math.Min(256, (long)last.NumGC!.Value);
        Assert.Equal(expected, frame.Rows.Count);
        var differences = ((Microsoft.Data.Analysis.DoubleDataFrameColumn)frame.Columns["difference_ms"]).Select(d
            => Math.Abs(d!.Value)).ToArray();
        // Same pauses, two clocks, the trace printed to two significant digits: the median gap is tiny.
        Assert.True(TheilSenFit.Median(differences) < 0.01, $"median |difference| {TheilSenFit.Median(differences)} ms");
    }
}

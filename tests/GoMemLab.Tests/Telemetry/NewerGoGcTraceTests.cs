using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// gctrace as Go releases newer than the 1.19 installed here print it. Only Go 1.19 runs on this machine, so each
/// case takes real 1.19 lines (data/artifacts) and changes them exactly as the newer runtime's source prints them:
/// <list type="bullet">
/// <item>Go 1.26, src/runtime/mgc.go, gcMarkTermination: <c>print("gc ", numgc, " @", …, "s ", util, "%")</c>, then
/// <c>if goroutineLeakDone { print(" (checking for goroutine leaks)") }</c>, then <c>print(": ")</c>;</item>
/// <item>Go 1.25+, the same function: <c>if debug.gctrace > 1 { dumpScanStats() }</c> right after the line, with
/// src/runtime/mgcmark_nogreenteagc.go printing <c>"scan: total ", n, " objs\n"</c> and <c>"scan: class ", size, "B ", n,
/// " objs\n"</c> (<c>"scan: class L "</c> for large objects), and src/runtime/mgcmark_greenteagc.go (Green Tea, the
/// default collector from 1.26) printing <c>sparse+spanSparse+spanDense=total objs, sparseSpans+denseSpans=spans spans</c>;</item>
/// <item>"MB stacks": Go 1.19 prints maxStackScan (src/runtime/mgc.go:1124 of /usr/lib/go-1.19), current Go prints
/// lastStackScan (src/runtime/mgc.go, gcMarkTermination): the same position, another meaning (see GcTraceLine.StacksMb).</item>
/// </list>
/// </summary>
public class NewerGoGcTraceTests
{
    private static readonly string[] Real = File.ReadAllLines(RepoPaths.Artifact("telemetry", "leaky-gctrace.log"))
        .Where(l => l.StartsWith("gc ", StringComparison.Ordinal)).Take(6).ToArray();

    [Fact]
    public void The_goroutine_leak_check_mark_of_go_1_26_is_read_and_the_fields_stay_the_same()
    {
        var marked = Real.Select((l, i) => i % 2 == 0 ? l.Replace("%: ", "% (checking for goroutine leaks): ") : l).ToArray();
        Assert.Contains("gc 1 @", marked[0]);
        Assert.Contains("% (checking for goroutine leaks): ", marked[0]);
        var plain = GcTrace.Parse(string.Join('\n', Real)).Lines;
        var trace = GcTrace.Parse(string.Join('\n', marked));
        Assert.Equal(0, trace.Skipped.Count);
        Assert.Equal([true, false, true, false, true, false], trace.Lines.Select(l => l.CheckedGoroutineLeaks));
        Assert.Equal(plain, trace.Lines.Select(l => l with { CheckedGoroutineLeaks = false }));
        Assert.All(trace.Lines, l => Assert.NotNull(l.StacksMb)); // "MB stacks" stays in its place in the newer layout
    }

    [Fact]
    public void Gctrace_2_scan_lines_are_read_with_the_gc_they_follow_in_both_forms()
    {
        var lines = new List<string>
        {
            Real[0],
            "scan: total 1520 objs",                      // mgcmark_nogreenteagc.go
            "scan: class L 3 objs",
            "scan: class 48B 1517 objs",
            Real[1],
            "scan: total 100+200+1220=1520 objs, 7+9=16 spans", // mgcmark_greenteagc.go
            "scan: class 48B 0+200+1220=1420 objs, 7+9=16 spans",
            "scan: class 48B 12+ objs",                   // cut short: counted as damaged, never guessed
        };
        var trace = GcTrace.Parse(string.Join('\n', lines));
        Assert.Equal(2, trace.Lines.Count);
        Assert.Equal(5, trace.ScanStats.Count);
        Assert.Equal([1, 1, 1, 2, 2], trace.ScanStats.Select(s => s.Gc));
        Assert.Equal(["total", "L", "48B", "total", "48B"], trace.ScanStats.Select(s => s.SizeClass));
        Assert.Equal([1520L, 3, 1517, 1520, 1420], trace.ScanStats.Select(s => s.Objects));
        var greenTea = trace.ScanStats[3];
        Assert.Equal((100L, 200L, 1220L, 7L, 9L, 16L),
            (greenTea.SparseObjects!.Value, greenTea.SpanSparseObjects!.Value, greenTea.SpanDenseObjects!.Value,
             greenTea.SparseSpans!.Value, greenTea.DenseSpans!.Value, greenTea.Spans!.Value));
        Assert.Null(trace.ScanStats[0].Spans);
        Assert.Equal(1, trace.Skipped.ByReason[GcTrace.DamagedScanLine]);
        Assert.Equal([8L], trace.Skipped.FirstLineNumbers);
        Assert.Equal(5, GcScanStat.ToDataFrame(trace.ScanStats).Rows.Count);
    }
}

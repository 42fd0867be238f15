using System.Globalization;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// The parser against grep and awk on the real logs in data/artifacts/telemetry: same number of GCs,
/// same sums of every heap field and of two clock phases (awk adds the same doubles in the same order,
/// so the sums must be bit-identical).
/// </summary>
public class GcTraceGoldenTests
{
    // Sums over the lines grep counts; $11 is "S->E->L", $13 the goal, $16/$19 stacks/globals, $5 the clock phases.
    private const string AwkSums = """
        /^gc [0-9]+ @/ {
            n++; split($11, h, "->"); s += h[1]; e += h[2]; l += h[3]; g += $13
            if ($0 ~ / MB stacks, /) { st += $16; gl += $19 }
            split($5, c, "+"); sweep += c[1]; mark += c[2]
        }
        END { printf "%d %d %d %d %d %d %d %.17g %.17g\n", n, s, e, l, g, st, gl, sweep, mark }
        """;

    public static TheoryData<string> Logs => new() { "leaky-gctrace.log", "churn-gctrace.log" };

    [Theory]
    [MemberData(nameof(Logs))]
    public void Row_count_equals_grep_count_of_gc_lines(string name)
    {
        var path = RepoPaths.Artifact("telemetry", name);
        var grepCount = long.Parse(ExternalTools.Run("grep", ["-c", "^gc [0-9]", path]).Trim(), CultureInfo.InvariantCulture);
        var trace = GcTrace.Load(path);
        Assert.Equal(grepCount, trace.Lines.Count);
        Assert.Equal(grepCount, trace.ToDataFrame().Rows.Count);
        Assert.Equal(trace.TotalLines - grepCount, trace.Skipped.Count);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Heap_and_clock_sums_equal_awk(string name)
    {
        var path = RepoPaths.Artifact("telemetry", name);
        var awk = ExternalTools.Run("awk", [AwkSums, path]).Trim().Split(' ');
        var trace = GcTrace.Load(path);
        var lines = trace.Lines;
        Assert.Equal(long.Parse(awk[0], CultureInfo.InvariantCulture), lines.Count);
        Assert.Equal(long.Parse(awk[1], CultureInfo.InvariantCulture), lines.Sum(l => l.HeapStartMb));
        Assert.Equal(long.Parse(awk[2], CultureInfo.InvariantCulture), lines.Sum(l => l.HeapEndMb));
        Assert.Equal(long.Parse(awk[3], CultureInfo.InvariantCulture), lines.Sum(l => l.HeapLiveMb));
        Assert.Equal(long.Parse(awk[4], CultureInfo.InvariantCulture), lines.Sum(l => l.GoalMb));
        Assert.Equal(long.Parse(awk[5], CultureInfo.InvariantCulture), lines.Sum(l => l.StacksMb ?? 0));
        Assert.Equal(long.Parse(awk[6], CultureInfo.InvariantCulture), lines.Sum(l => l.GlobalsMb ?? 0));
        double sweep = 0, mark = 0;
        foreach (var l in lines) { sweep += l.ClockSweepTerminationMs; mark += l.ClockMarkMs; }
        Assert.Equal(double.Parse(awk[7], CultureInfo.InvariantCulture), sweep);
        Assert.Equal(double.Parse(awk[8], CultureInfo.InvariantCulture), mark);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Computed_gc_cpu_fraction_agrees_with_the_runtime_percent_on_the_last_line(string name)
    {
        var trace = GcTrace.Load(RepoPaths.Artifact("telemetry", name));
        var summary = trace.Summary();
        // The runtime truncates its fraction to a whole percent; phase times are printed to two digits.
        Assert.InRange(summary.ComputedCpuFraction * 100, summary.ReportedCpuPercent - 0.5, summary.ReportedCpuPercent + 1.5);
    }

    [Fact]
    public void Csv_header_is_the_published_contract_and_rows_follow_the_log()
    {
        var path = RepoPaths.Artifact("telemetry", "leaky-gctrace.log");
        var csv = GoMemLab.Tables.TableWriter.ToString(GcTrace.Load(path).ToDataFrame(), GoMemLab.Tables.TableFormat.Csv).Split('\n');
        Assert.Equal(GcTrace.CsvHeader, csv[0]);
        Assert.Equal("gc,at_s,cpu_pct,clock_sweep_term_ms,clock_mark_ms,clock_mark_term_ms,cpu_sweep_term_ms,cpu_assist_ms,"
            + "cpu_background_ms,cpu_idle_ms,cpu_mark_term_ms,heap_start_mb,heap_end_mb,heap_live_mb,goal_mb,stacks_mb,globals_mb,"
            + "procs,forced",
            csv[0]);
        // The first data row carries the first gc line's numbers as the runtime printed them (modulo trailing zeros).
        var firstGc = File.ReadLines(path).First(l => l.StartsWith("gc 1 ", StringComparison.Ordinal));
        var printed = System.Text.RegularExpressions.Regex.Matches(firstGc, @"\d+(\.\d+)?").Select(m => double.Parse(m.Value,
            CultureInfo.InvariantCulture));
        var row = csv[1].Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture));
        Assert.Equal(printed, row);
    }
}

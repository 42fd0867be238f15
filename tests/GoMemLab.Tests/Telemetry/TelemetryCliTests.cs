using System.Diagnostics;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>`gomemlab gctrace` and `gomemlab memstats` as a user runs them (a separate process, real files).</summary>
public class TelemetryCliTests
{
    [Fact]
    public void Gctrace_csv_has_the_contract_header_and_one_row_per_gc_line()
    {
        var path = RepoPaths.Artifact("telemetry", "leaky-gctrace.log");
        var (exit, stdout, stderr) = GomemlabCli.Run("gctrace", path, "--format", "csv");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("gc,at_s,cpu_pct,clock_sweep_term_ms,clock_mark_ms,clock_mark_term_ms,cpu_sweep_term_ms,cpu_assist_ms,"
            + "cpu_background_ms,cpu_idle_ms,cpu_mark_term_ms,heap_start_mb,heap_end_mb,heap_live_mb,goal_mb,stacks_mb,globals_mb,"
            + "procs,forced",
            lines[0]);
        var gcLines = File.ReadLines(path).Count(l => l.StartsWith("gc ", StringComparison.Ordinal));
        Assert.Equal(gcLines, lines.Length - 1);
        var other = File.ReadLines(path).Count() - gcLines;
        if (other > 0) Assert.Contains($"{other} line{(other == 1 ? "" : "s")} skipped", stderr);
    }

    [Fact]
    public void Gctrace_summary_gives_the_verdict()
    {
        var (exit, stdout, _) = GomemlabCli.Run("gctrace", RepoPaths.Artifact("telemetry", "leaky-gctrace.log"), "--summary");
        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^leak_verdict\s+growing$", stdout);
        Assert.Matches(@"(?m)^pause_p99_ms\s+[0-9.]+$", stdout);
    }

    [Fact]
    public void Memstats_summary_and_json_on_real_files()
    {
        var (exit, stdout, _) = GomemlabCli.Run("memstats", RepoPaths.Artifact("telemetry", "churn-memstats.jsonl"), "--summary",
            "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Contains("leak_verdict,steady", stdout);
        (exit, stdout, _) = GomemlabCli.Run("memstats", RepoPaths.Artifact("heap", "leaky-heap-debug1.txt"), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"heap_alloc\":", stdout);
    }

    [Fact]
    public void Memstats_summary_of_one_debug1_trailer_shows_gc_counts_that_agree()
    {
        // Issue 18: one snapshot printed "gc_count 0" (GCs during the series) beside "pause_ring_gcs 22" (GCs in the ring).
        var path = RepoPaths.Artifact("heap", "leaky-heap-debug1.txt");
        var (exit, stdout, _) = GomemlabCli.Run("memstats", path, "--summary", "--format", "csv");
        Assert.Equal(0, exit);
        var numGc = ulong.Parse(ExternalTools.Run("grep", ["^# NumGC = ", path]).Trim()["# NumGC = ".Length..]);
        Assert.Contains($"\nnum_gc_last,{numGc}\n", stdout);
        Assert.Contains($"\npause_ring_gcs,{Math.Min(numGc, 256)}\n", stdout);
        Assert.DoesNotContain("gc_count", stdout);
        Assert.DoesNotContain("gcs_during_series", stdout); // one snapshot: no span to count GCs over
        (exit, stdout, _) = GomemlabCli.Run("memstats", RepoPaths.Artifact("telemetry", "churn-memstats.jsonl"), "--summary", "--format",
            "csv");
        var path2 = RepoPaths.Artifact("telemetry", "churn-memstats.jsonl");
        var first = ulong.Parse(ExternalTools.Run("jq", ["-s", "-r", ".[0].NumGC", path2]).Trim());
        var last = ulong.Parse(ExternalTools.Run("jq", ["-s", "-r", ".[-1].NumGC", path2]).Trim());
        Assert.Contains($"\ngcs_during_series,{last - first}\n", stdout);
        Assert.Contains($"\nnum_gc_last,{last}\n", stdout);
    }

    [Fact]
    public void Bad_input_is_one_line_on_stderr_and_exit_2()
    {
        var (exit, stdout, stderr) = GomemlabCli.Run("gctrace", RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl"));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("gomemlab: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        (exit, _, stderr) = GomemlabCli.Run("memstats", "http://127.0.0.1:1/debug/vars", "--for", "1s", "--timeout", "1s");
        Assert.Equal(2, exit);
        Assert.Contains("http://127.0.0.1:1/debug/vars", stderr);
    }

    [Fact]
    public void Chart_option_writes_an_offline_page_and_still_prints_the_table()
    {
        using var dir = new TempDirectory();
        var page = dir.File("gc.html");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), "gctrace", RepoPaths.Artifact("telemetry",
            "churn-gctrace.log"), "--summary", "--chart", page })
            info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("leak_verdict", stdout);
        var html = File.ReadAllText(page);
        Assert.Contains(GoMemLab.Charts.PlotlyJs.MarkerAttribute, html);
        Assert.Contains("live heap after GC", html);
        Assert.DoesNotContain("https://", GoMemLab.Charts.OfflineHtmlPage.StripInlinedPlotly(html));
    }
}

using System.Text.Json;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// Runs a small Go program under GODEBUG=gctrace=1 that forces a known number of GCs and then prints
/// its own runtime.MemStats as JSON on stdout: the runtime is the reference for what the parser reads.
/// The program runs with GOGC=off, so the only GCs are the forced ones, and it writes its own lines to stdout:
/// its stderr holds nothing but the runtime's gctrace lines. (Its progress lines used to go to stderr, where a
/// write could land in the middle of a gctrace line the runtime was still printing — "gc 3 @0.006s 11%: round 0
/// done" — a flake seen twice in 60 runs. Skipping a program's own lines is tested on a log built line by line.)
/// </summary>
public sealed class GcTraceRealProgramTests : IClassFixture<GcTraceRealProgramTests.Run>
{
    public const int ForcedGcs = 7;

    private const string Program = """
        package main

        import (
        	"encoding/json"
        	"fmt"
        	"runtime"
        )

        var keep [][]byte

        func main() {
        	for round := 0; round < 7; round++ {
        		for i := 0; i < 20000; i++ {
        			b := make([]byte, 512)
        			if i%10 == 0 {
        				keep = append(keep, b)
        			}
        		}
        		fmt.Println("round", round, "done") // stdout: stderr is the runtime's
        		runtime.GC()
        	}
        	var ms runtime.MemStats
        	runtime.ReadMemStats(&ms)
        	out, _ := json.Marshal(&ms)
        	fmt.Println(string(out))
        }
        """;

    private readonly Run _run;

    public GcTraceRealProgramTests(Run run) => _run = run;

    [Fact]
    public void Forced_gcs_and_gc_numbers_match_the_runtime_own_counters()
    {
        var trace = GcTrace.Load(_run.StderrPath);
        var stats = _run.MemStats;
        Assert.Equal((ulong)trace.Lines.Count, stats.NumGC);
        Assert.Equal((ulong)ForcedGcs, stats[MemStatsCounter.NumForcedGC]);
        // With GOGC=off every GC is a runtime.GC(): each line says "(forced)", and nothing else is on stderr.
        Assert.Equal(ForcedGcs, trace.Lines.Count);
        Assert.All(trace.Lines, l => Assert.True(l.Forced));
        Assert.Equal(Enumerable.Range(1, trace.Lines.Count), trace.Lines.Select(l => l.Gc));
        Assert.All(trace.Lines, l => Assert.NotNull(l.StacksMb));
        Assert.Equal(0, trace.Skipped.Count);
        Assert.Equal(ForcedGcs, _run.Stdout.Split('\n').Count(l => l.StartsWith("round ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_program_own_lines_between_gctrace_lines_are_skipped_and_counted()
    {
        // What a program's stderr looks like when it logs there too (line by line, as an OS pipe keeps whole writes).
        var real = File.ReadAllLines(_run.StderrPath);
        var mixed = real.SelectMany((l, i) => new[] { $"round {i} done", l });
        var trace = GcTrace.Parse(string.Join('\n', mixed));
        Assert.Equal(real.Length, trace.Lines.Count);
        Assert.Equal(real.Length, trace.Skipped.ByReason[GcTrace.NotGcTrace]);
        Assert.Equal([1L, 3, 5, 7, 9], trace.Skipped.FirstLineNumbers);
    }

    [Fact]
    public void Pause_ring_of_memstats_covers_every_gc_of_the_log()
    {
        var stats = _run.MemStats;
        Assert.Equal(256, stats.PauseNs.Count);
        Assert.Equal(256, stats.PauseEnd.Count);
        Assert.Equal((int)stats.NumGC!.Value, stats.RecentPausesNs().Count);
        Assert.Equal(stats[MemStatsCounter.PauseTotalNs], stats.RecentPausesNs().Aggregate(0UL, (a, b) => a + b));
        // Go documents the most recent pause at PauseNs[(NumGC+255)%256].
        Assert.Equal(stats.PauseNs[(int)((stats.NumGC!.Value + 255) % 256)], stats.RecentPausesNs()[^1]);
        Assert.Equal(61, stats.BySize.Count);
        Assert.Equal(0u, stats.BySize[0].Size);
        Assert.True(stats.BySize.Zip(stats.BySize.Skip(1)).All(p => p.First.Size < p.Second.Size));
    }

    [Fact]
    public void Older_layout_without_stacks_and_globals_reads_the_same_fields()
    {
        // Go before 1.18 printed no "X MB stacks, Y MB globals, ": remove them from real lines.
        var real = File.ReadAllLines(_run.StderrPath).Where(l => l.StartsWith("gc ", StringComparison.Ordinal)).ToList();
        var older = real.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\d+ MB stacks, \d+ MB globals, ", "")).ToList();
        Assert.All(older, l => Assert.DoesNotContain("stacks", l));
        var parsedReal = GcTrace.Parse(string.Join('\n', real)).Lines;
        var parsedOlder = GcTrace.Parse(string.Join('\n', older)).Lines;
        Assert.Equal(parsedReal.Count, parsedOlder.Count);
        for (int i = 0; i < parsedReal.Count; i++)
        {
            Assert.Null(parsedOlder[i].StacksMb);
            Assert.Null(parsedOlder[i].GlobalsMb);
            Assert.Equal(parsedReal[i] with { StacksMb = null, GlobalsMb = null }, parsedOlder[i]);
        }
        var csvRow = GoMemLab.Tables.TableWriter.ToString(GcTrace.Parse(older[0]).ToDataFrame(),
            GoMemLab.Tables.TableFormat.Csv).Split('\n')[1].Split(',');
        Assert.Equal("", csvRow[15]);
        Assert.Equal("", csvRow[16]);
    }

    [Fact]
    public void Truncated_and_garbage_lines_are_counted_once_with_their_line_numbers()
    {
        var real = File.ReadAllLines(_run.StderrPath).Where(l => l.StartsWith("gc ", StringComparison.Ordinal)).ToList();
        var lines = new List<string>(real);
        lines.Insert(2, real[1][..(real[1].Length / 2)]);           // line 3: cut in half
        lines.Insert(5, "gc 12 @garbage");                           // line 6
        lines.Insert(7, "\u0001\u0002 binary \uFFFD junk");          // line 8
        lines.Add(real[^1][..^5]);                                   // last line: truncated tail
        var trace = GcTrace.Parse(string.Join('\n', lines));
        Assert.Equal(real.Count, trace.Lines.Count);
        Assert.Equal(4, trace.Skipped.Count);
        Assert.Equal(3, trace.Skipped.ByReason[GcTrace.DamagedGcLine]);
        Assert.Equal(1, trace.Skipped.ByReason[GcTrace.NotGcTrace]);
        Assert.Equal([3L, 6, 8, lines.Count], trace.Skipped.FirstLineNumbers);
        Assert.StartsWith("4 lines skipped (", trace.Skipped.Describe());
        Assert.EndsWith($"first at lines 3, 6, 8, {lines.Count}", trace.Skipped.Describe());
    }

    [Fact]
    public void Lines_behind_a_log_collector_prefix_read_the_same()
    {
        var real = File.ReadAllLines(_run.StderrPath).Where(l => l.StartsWith("gc ", StringComparison.Ordinal)).ToList();
        var prefixed = real.Select((l, i) => $"2026-11-25T17:48:{i % 60:00}.184010000Z stderr F {l}");
        var plain = GcTrace.Parse(string.Join('\n', real)).Lines;
        var parsed = GcTrace.Parse(string.Join('\n', prefixed));
        Assert.Equal(0, parsed.Skipped.Count);
        Assert.Equal(plain, parsed.Lines);
    }

    [Fact]
    public void A_file_without_gctrace_lines_is_an_input_error_naming_it()
    {
        var e = Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => GcTrace.Parse(_run.Stdout, "stdout.txt"));
        Assert.Contains("stdout.txt", e.Message);
        Assert.Contains("no gctrace line", e.Message);
        Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => GcTrace.Load("/nonexistent/gctrace.log"));
        Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => GcTrace.Parse("", "empty.log"));
    }

    /// <summary>Builds and runs the program once for all tests of the class.</summary>
    public sealed class Run : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Run()
        {
            File.WriteAllText(_dir.File("main.go"), Program);
            File.WriteAllText(_dir.File("go.mod"), "module forcedgc\n\ngo 1.19\n");
            ExternalTools.GoBuild(_dir.Path, ".", _dir.File("forcedgc"));
            StderrPath = _dir.File("stderr.log");
            var info = new System.Diagnostics.ProcessStartInfo(_dir.File("forcedgc"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["GODEBUG"] = "gctrace=1";
            info.Environment["GOGC"] = "off";
            using var process = System.Diagnostics.Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            Stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            File.WriteAllText(StderrPath, stderr.Result);
            Assert.Equal(0, process.ExitCode);
        }

        public string StderrPath { get; }

        public string Stdout { get; }

        /// <summary>The program's last stdout line: its runtime.MemStats at the end.</summary>
        public MemStatsSnapshot MemStats => MemStatsSeries.Parse(Stdout.Trim().Split('\n')[^1], "stdout").Snapshots.Single();

        public void Dispose() => _dir.Dispose();
    }
}

using GoMemLab.Inputs;
using GoMemLab.Live;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Live;

public class LiveCaptureTests
{
    /// <summary>
    /// The workshop path end to end: build data/go/leaky, run it 14 s with gctrace, find its pprof server from the
    /// "listening on" line, take heap profiles, stop it. Needs Go (fails with a clear message when missing).
    /// </summary>
    [Fact]
    public async Task Capturing_leaky_shows_a_growing_heap_and_leaves_no_process()
    {
        ExternalTools.Require("go");
        var events = new List<string>();
        var result = await LiveCapture.RunAsync(new LiveCaptureOptions
        {
            Target = RepoPaths.Data("go", "leaky", "cmd", "leaky"),
            Arguments = ["-addr", "127.0.0.1:0", "-duration", "5m"],
            Duration = TimeSpan.FromSeconds(14),
            HeapEvery = TimeSpan.FromSeconds(3),
        }, new InlineProgress<string>(line => { lock (events) events.Add(line); }));

        Assert.True(result.Stopped, string.Join('\n', events));
        Assert.NotNull(result.GcTrace);
        Assert.True(result.GcTrace!.Lines.Count >= 10, $"{result.GcTrace.Lines.Count} gc lines");
        Assert.Equal(LeakVerdict.Growing, result.LiveHeapTrend!.Verdict);
        Assert.StartsWith("http://127.0.0.1:", result.PprofUrl);
        Assert.True(result.HeapProfiles.Count >= 3, string.Join('\n', events.Concat(result.Problems)));
        var series = result.HeapSeries();
        var inuse = series.Columns["inuse_space"].Cast<long?>().Select(v => v!.Value).ToList();
        Assert.True(inuse[^1] > inuse[0], string.Join(", ", inuse));
        Assert.Empty(ProcessesRunningFrom(result.Program));
        Assert.False(Directory.Exists(Path.GetDirectoryName(result.Program)), "the temporary build directory is removed");
    }

    [Fact]
    public async Task Cancelling_stops_the_program_and_returns_what_was_collected()
    {
        using var cancel = new CancellationTokenSource();
        var run = LiveCapture.RunAsync(new LiveCaptureOptions
        {
            Target = "/bin/sleep",
            Arguments = ["300"],
            Duration = TimeSpan.FromMinutes(5),
        },
            cancellation: cancel.Token);
        await Task.Delay(300);
        cancel.Cancel();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(result.Stopped);
        Assert.Null(result.GcTrace); // sleep prints no gctrace: reported, not thrown
        Assert.Single(result.Problems);
        Assert.Empty(result.HeapProfiles);
    }

    [Fact]
    public async Task A_missing_target_is_an_input_error() =>
        await Assert.ThrowsAsync<InputFormatException>(() => LiveCapture.RunAsync(new LiveCaptureOptions { Target = "/nonexistent/prog" }));

    private static List<int> ProcessesRunningFrom(string program)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0')[0] == program) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}

using GoMemLab.Live;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!gorun` in the in-process kernel on the live leaky service (needs Go: fails with a clear message without it).</summary>
[Collection(KernelCollection.Name)]
public class GoRunMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task Gorun_captures_leaky_into_a_variable_and_shows_the_card()
    {
        ExternalTools.Require("go");
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync(
            "#!gorun ../data/go/leaky/cmd/leaky --args \"-addr 127.0.0.1:0 -duration 5m\" --for 15s --heap-every 3s --name live",
                NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var capture = kernel.Variable<LiveCaptureResult>("live");
        Assert.True(capture.Stopped);
        Assert.Equal(LeakVerdict.Growing, capture.LiveHeapTrend!.Verdict);
        Assert.NotEmpty(capture.HeapProfiles);
        Assert.Contains("verdict-growing", cell.AllHtml);
        Assert.Contains("Heap profiles taken", cell.AllHtml);
        var next = await kernel.SubmitAsync("live.HeapSeries().Rows.Count");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Cancelling_the_cell_stops_the_program_and_the_kernel_goes_on()
    {
        ExternalTools.Require("go");
        using var kernel = new InProcessKernel();
        // A marker in the program's arguments tells this test's process apart from any other leaky running.
        var marker = $"-duration {Random.Shared.Next(1000, 9999)}m";
        var cancelled = 0;
        int[] running = [];
        using var subscription = kernel.OnEvent(e =>
        {
            if (e is Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated update
                && update.FormattedValues.Any(v => v.Value.Contains("pprof server at")) && Interlocked.Exchange(ref cancelled, 1) == 0)
            {
                // The program serves pprof: it runs. Note its pid, then press stop.
                running = ProcessesWithArgument(marker);
                _ = kernel.CancelAsync();
            }
        });

        var cell = await kernel.SubmitAsync($"#!gorun ../data/go/leaky/cmd/leaky --args \"-addr 127.0.0.1:0 {marker}\" "
            + "--for 5m --name live", NotebookFolder);

        Assert.Equal(1, cancelled);
        Assert.Contains("cancelled", cell.Error);
        Assert.NotEmpty(running);
        for (var waited = 0; ProcessesWithArgument(marker).Length > 0; waited++)
        {
            Assert.True(waited < 100, $"the program ({string.Join(", ", running)}) still runs 10 s after the cancel");
            await Task.Delay(100);
        }
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }

    private static int[] ProcessesWithArgument(string argument) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(argument, StringComparison.Ordinal); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            }).ToArray();

    [Fact]
    public async Task Bad_calls_fail_with_one_line()
    {
        using var kernel = new InProcessKernel();
        var missing = await kernel.SubmitAsync("#!gorun", NotebookFolder);
        Assert.Contains("missing PROGRAM_DIR_OR_BINARY", missing.Error);
        var nowhere = await kernel.SubmitAsync("#!gorun no-such-dir --for 1s", NotebookFolder);
        Assert.Contains("no such Go package directory or executable", nowhere.Error);
        Assert.DoesNotContain("   at ", nowhere.Error);
        var badDuration = await kernel.SubmitAsync("#!gorun ../data/go/leaky/cmd/leaky --for soon", NotebookFolder);
        Assert.Contains("#!gorun", badDuration.Error);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

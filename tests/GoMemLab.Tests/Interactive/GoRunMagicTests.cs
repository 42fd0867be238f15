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
            "#!gorun ../data/go/leaky/cmd/leaky --args \"-addr 127.0.0.1:0 -duration 5m\" --for 10s --heap-every 3s --name live", NotebookFolder);
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

using System.Diagnostics;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!gctrace` and `#!memstats` in the in-process kernel, on the real data/ artifacts and the live leaky service.</summary>
[Collection(KernelCollection.Name)]
public class TelemetryMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task Gctrace_defines_the_trace_and_shows_the_verdict()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!gctrace ../data/artifacts/telemetry/leaky-gctrace.log --name leaky", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var trace = kernel.Variable<GcTrace>("leaky");
        Assert.Equal(GcTrace.Load(RepoPaths.Artifact("telemetry", "leaky-gctrace.log")).Lines.Count, trace.Lines.Count);
        Assert.Contains("verdict-growing", cell.AllHtml);
        Assert.Contains("Longest stop-the-world pauses", cell.AllHtml);
        var next = await kernel.SubmitAsync("leaky.ToDataFrame().Rows.Count");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Memstats_reads_files_and_patterns_with_the_default_variable_name()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!memstats ../data/artifacts/telemetry/churn-memstats.jsonl", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("verdict-steady", cell.AllHtml);
        Assert.NotEmpty(kernel.Variable<MemStatsSeries>("churn_memstats").Snapshots);
        var vars = await kernel.SubmitAsync("#!memstats \"../data/artifacts/telemetry/leaky-vars-*.json\" --name vars", NotebookFolder);
        Assert.True(vars.Succeeded, vars.Error);
        Assert.Equal(3, kernel.Variable<MemStatsSeries>("vars").Snapshots.Count);
    }

    [Fact]
    public async Task Bad_input_fails_with_one_line_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var missing = await kernel.SubmitAsync("#!gctrace no-such.log", NotebookFolder);
        Assert.Contains("no-such.log: no such file", missing.Error);
        Assert.DoesNotContain("   at ", missing.Error);
        var wrong = await kernel.SubmitAsync("#!memstats ../data/artifacts/telemetry/leaky-gctrace.log", NotebookFolder);
        Assert.Contains("leaky-gctrace.log", wrong.Error);
        var noPath = await kernel.SubmitAsync("#!gctrace");
        Assert.Equal("#!gctrace: missing PATH of a gctrace log", noPath.Error);
        var help = await kernel.SubmitAsync("#!memstats -h");
        Assert.True(help.Succeeded, help.Error);
        Assert.Contains("--every", help.AllHtml);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Memstats_polls_a_live_service_and_updates_its_card()
    {
        using var service = await LeakyService.StartAsync();
        var url = service.Url;
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync($"#!memstats {url}/debug/vars --every 500ms --for 2s --name live");
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(5, kernel.Variable<MemStatsSeries>("live").Snapshots.Count);
        Assert.Contains("Leak signals", cell.AllHtml);
    }
}

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
        // Reference from grep, not from the loader: one GC per "gc N @" line, and the last GC number.
        var log = RepoPaths.Artifact("telemetry", "leaky-gctrace.log");
        Assert.Equal(int.Parse(ExternalTools.Run("grep", ["-cE", "^gc [0-9]+ @", log]).Trim()), trace.Lines.Count);
        var lastGc = ExternalTools.Run("awk", ["/^gc [0-9]+ @/ { n = $2 } END { print n }", log]).Trim();
        Assert.Equal(int.Parse(lastGc), trace.Lines[^1].Gc);
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
        var churn = kernel.Variable<MemStatsSeries>("churn_memstats");
        var churnPath = RepoPaths.Artifact("telemetry", "churn-memstats.jsonl");
        Assert.Equal(int.Parse(ExternalTools.Run("grep", ["-c", "HeapAlloc", churnPath]).Trim()), churn.Snapshots.Count);
        Assert.Equal(ulong.Parse(ExternalTools.Run("jq", ["-s", "-r", ".[-1].HeapInuse", churnPath]).Trim()),
            churn.Snapshots[^1].HeapInuse);
        var vars = await kernel.SubmitAsync("#!memstats \"../data/artifacts/telemetry/leaky-vars-*.json\" --name vars", NotebookFolder);
        Assert.True(vars.Succeeded, vars.Error);
        var varsFiles = Directory.GetFiles(RepoPaths.Artifact("telemetry"), "leaky-vars-*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(varsFiles.Length, kernel.Variable<MemStatsSeries>("vars").Snapshots.Count);
        Assert.Equal(varsFiles.Select(f => ulong.Parse(ExternalTools.Run("jq", ["-r", ".memstats.NumGC", f]).Trim())),
            kernel.Variable<MemStatsSeries>("vars").Snapshots.Select(s => s.NumGC!.Value));
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
    public async Task Memstats_reads_prometheus_scrapes_and_query_answers()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!memstats \"../data/artifacts/telemetry/prometheus/api-0/scrape-*.prom\" --name scrapes",
            NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("verdict-growing", cell.AllHtml);
        var scrapes = Directory.GetFiles(RepoPaths.Artifact("telemetry", "prometheus", "api-0"), "scrape-*.prom");
        Assert.Equal(scrapes.Length, kernel.Variable<MemStatsSeries>("scrapes").Snapshots.Count);
        var answer = await kernel.SubmitAsync(
            "#!memstats ../data/artifacts/telemetry/prometheus/query_range-go_memstats_heap_inuse_bytes.json --name heap", NotebookFolder);
        Assert.True(answer.Succeeded, answer.Error);
        var path = RepoPaths.Artifact("telemetry", "prometheus", "query_range-go_memstats_heap_inuse_bytes.json");
        var instances = ExternalTools.Run("jq", ["-r", ".data.result[].metric.instance", path]).Split('\n',
            StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(instances.Select(i => $"instance=\"{i}\",job=\"api\""), kernel.Variable<MemStatsSeries>("heap").SeriesNames);
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

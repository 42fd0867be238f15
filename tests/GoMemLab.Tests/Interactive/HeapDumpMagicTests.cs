using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!heapdump` in the in-process kernel on the committed dump of the leaky service.</summary>
[Collection(KernelCollection.Name)]
public class HeapDumpMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task Heapdump_defines_the_dump_and_shows_roots_suspects_and_charts()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!heapdump ../data/artifacts/heapdump/leaky.dump.gz --name leaky", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var dump = kernel.Variable<HeapDump>("leaky");
        var info = HeapDump.Load(RepoPaths.Artifact("heapdump", "leaky.dump.gz")).Info();
        Assert.Equal(info, dump.Info());
        Assert.Contains("roots by retained bytes", cell.AllHtml);
        Assert.Contains("garbage (no GC before the dump)", cell.AllHtml);
        Assert.Contains("goroutines running main.(*service).audit.func1", cell.AllHtml);
        Assert.Contains("\"type\":\"sunburst\"", cell.AllHtml);
        Assert.Contains("\"type\":\"bar\"", cell.AllHtml);
        var next = await kernel.SubmitAsync("leaky.PathToSite(\"internal/cache/cache.go:32\").ToDataFrame().Rows.Count");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Bad_input_fails_with_one_line_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var missing = await kernel.SubmitAsync("#!heapdump no-such.dump", NotebookFolder);
        Assert.Contains("no-such.dump: no such file", missing.Error);
        Assert.DoesNotContain("   at ", missing.Error);
        var wrong = await kernel.SubmitAsync("#!heapdump ../data/artifacts/telemetry/leaky-gctrace.log", NotebookFolder);
        Assert.Contains("leaky-gctrace.log (at byte 0): not a Go heap dump", wrong.Error);
        var notElf = await kernel.SubmitAsync("#!heapdump ../data/artifacts/heapdump/leaky.dump.gz --binary ../README.md", NotebookFolder);
        Assert.Contains("README.md (at byte 0): is not an ELF binary", notElf.Error);
        var noPath = await kernel.SubmitAsync("#!heapdump");
        Assert.Equal("#!heapdump: missing PATH_OR_URL of a heap dump", noPath.Error);
        var help = await kernel.SubmitAsync("#!heapdump -h");
        Assert.True(help.Succeeded, help.Error);
        Assert.Contains("--binary", help.AllHtml);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

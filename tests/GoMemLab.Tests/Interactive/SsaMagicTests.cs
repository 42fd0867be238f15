using GoMemLab.Ssa;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!ssa` in the in-process kernel: the article's NewHandler built with GOSSAFUNC (needs Go; 15–90 s).</summary>
[Collection(KernelCollection.Name)]
public class SsaMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task Ssa_defines_the_dump_shows_the_card_and_embeds_the_page_in_a_sandboxed_iframe()
    {
        ExternalTools.Require("go");
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!ssa ../data/go/seed-claims --package ./escape --func NewHandler --name handler",
            NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var dump = kernel.Variable<SsaDump>("handler");
        Assert.Equal("NewHandler", dump.Function);
        // The seed-claims -m log: only &Handler{...} escapes (escape/newhandler.go:16:9); the page's AST marks no cfg.
        Assert.DoesNotContain(dump.HeapNames(), n => n.Name.EndsWith(".cfg", StringComparison.Ordinal));
        Assert.Contains(dump.CallsTo("runtime.newobject"), c => c.Phases == "genssa" && c.Line == 16);
        Assert.Contains("<iframe class=\"gomemlab-ssa\"", cell.AllHtml);
        Assert.Contains("sandbox=\"allow-scripts\"", cell.AllHtml);
        Assert.DoesNotContain(RepoPaths.Root, cell.AllHtml);
        var next = await kernel.SubmitAsync("handler.Passes().Rows.Count");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task A_missing_func_is_one_error_line_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!ssa ../data/go/leaky --package ./escape", NotebookFolder);
        Assert.False(cell.Succeeded);
        Assert.Equal("#!ssa: missing --func, the function GOSSAFUNC dumps", cell.Error);
        Assert.True((await kernel.SubmitAsync("1 + 1")).Succeeded);
    }
}

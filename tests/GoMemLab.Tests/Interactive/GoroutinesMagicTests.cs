using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!goroutines` in the in-process kernel, on the data/artifacts/goroutines dumps.</summary>
[Collection(KernelCollection.Name)]
public class GoroutinesMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task One_dump_defines_the_variable_and_shows_groups_and_states()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!goroutines ../data/artifacts/goroutines/known-debug2.txt --name g", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var dump = kernel.Variable<GoroutineDump>("g");
        Assert.Equal(GoroutineDump.Load(RepoPaths.Artifact("goroutines", "known-debug2.txt")).Total, dump.Total);
        Assert.Contains("Goroutines per start function", cell.AllHtml);
        Assert.Contains("Goroutines per state", cell.AllHtml);
        Assert.Contains("main.recvForever", cell.AllHtml);
        var next = await kernel.SubmitAsync("g.ByCreation().Rows.Count");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Several_snapshots_define_the_list_and_the_growth_with_a_stacked_chart()
    {
        using var kernel = new InProcessKernel();
        var files = string.Join(' ', Enumerable.Range(1, 6).Select(n => $"../data/artifacts/goroutines/phases-{n}.pb.gz"));
        // The host binds one value per parameter: several dumps come as one quoted argument.
        var cell = await kernel.SubmitAsync($"#!goroutines \"{files}\" --name phases", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(6, kernel.Variable<IReadOnlyList<GoroutineDump>>("phases").Count);
        var growth = kernel.Variable<GoroutineGrowth>("phases_growth");
        Assert.Equal(LeakVerdict.Growing, growth.Find("main.leakWorker")!.Verdict);
        Assert.Contains("verdict-growing", cell.AllHtml);
        Assert.Contains("\"barmode\":\"stack\"", cell.AllHtml);
    }

    [Fact]
    public async Task A_pattern_of_text_snapshots_needs_every_and_reads_in_natural_order()
    {
        using var kernel = new InProcessKernel();
        var pattern = "\"../data/artifacts/goroutines/leaky-goroutine-*-debug2.txt\"";
        var missing = await kernel.SubmitAsync($"#!goroutines {pattern} --name leak", NotebookFolder);
        Assert.Contains("has no capture time", missing.Error);
        var cell = await kernel.SubmitAsync($"#!goroutines {pattern} --name leak --every 5s --by creation", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var growth = kernel.Variable<GoroutineGrowth>("leak_growth");
        Assert.Equal(GoroutineGrouping.Creation, growth.By);
        Assert.EndsWith("leaky-goroutine-1-debug2.txt", growth.Sources[0]);
        Assert.EndsWith("leaky-goroutine-6-debug2.txt", growth.Sources[^1]);
        Assert.Equal(LeakVerdict.Growing, growth.Rows[0].Verdict);
        Assert.StartsWith("main.(*service).audit (", growth.Rows[0].Key);
    }

    [Fact]
    public async Task Bad_input_fails_with_one_line_help_works_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var wrong = await kernel.SubmitAsync("#!goroutines ../data/artifacts/goroutines/known-debug1.txt --by state", NotebookFolder);
        Assert.True(wrong.Succeeded, wrong.Error); // one dump: --by only matters for snapshots
        var lacks = await kernel.SubmitAsync(
            "#!goroutines \"../data/artifacts/goroutines/phases-1-debug1.txt ../data/artifacts/goroutines/phases-2-debug1.txt\" --every "
                + "1s --by state",
            NotebookFolder);
        Assert.Contains("phases-1-debug1.txt: is a count text (debug=1) goroutine dump", lacks.Error);
        Assert.DoesNotContain("   at ", lacks.Error);
        var bad = await kernel.SubmitAsync("#!goroutines ../tests/GoMemLab.Tests/BadInputs/goroutines-mixed-text.txt", NotebookFolder);
        Assert.Contains("goroutines-mixed-text.txt:3: expected the file:line", bad.Error);
        var none = await kernel.SubmitAsync("#!goroutines");
        Assert.Equal("#!goroutines: missing FILE_OR_URL of a goroutine dump (several: one quoted argument \"a b c\", or a '*' pattern)",
            none.Error);
        var help = await kernel.SubmitAsync("#!goroutines -h");
        Assert.True(help.Succeeded, help.Error);
        Assert.Contains("--every", help.AllHtml);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

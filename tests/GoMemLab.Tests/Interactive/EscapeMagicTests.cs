using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!escape` on the committed artifacts and `#!gobuild` running the real compiler.</summary>
[Collection(KernelCollection.Name)]
public class EscapeMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task Escape_defines_the_log_checks_expectations_and_shows_the_source()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync(
            "#!escape ../data/artifacts/escape/leaky-m2.txt --name leaky --expect ../data/go/leaky/escape --source "
                + "../data/go/leaky/escape/iface.go",
            NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var log = kernel.Variable<EscapeLog>("leaky");
        // The variable holds every heap decision of the file, counted with grep -c.
        var text = File.ReadAllLines(RepoPaths.Artifact("escape", "leaky-m2.txt"));
        Assert.Equal(GrepCount(text, "moved to heap: "), log.CountByKind()[EscapeKind.MovedToHeap]);
        Assert.Equal(GrepCount(text, @"(?! ).* escapes to heap$"), log.CountByKind()[EscapeKind.EscapesToHeap]);
        Assert.Contains("most common cause: converted-to-interface", cell.AllHtml);
        Assert.Contains("all met", cell.AllHtml);
        Assert.Contains("v escapes to heap</span>", cell.AllHtml);
        var next = await kernel.SubmitAsync("leaky.StepsToDataFrame().Rows.Count");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Gobuild_runs_the_compiler_and_loads_escapes_and_allocation_calls()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!gobuild ../data/go/fix/before --name fixBefore", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var log = kernel.Variable<EscapeLog>("fixBefore");
        Assert.Contains(log.Diagnostics, d => d.Function == "Fingerprint" && d.Kind == EscapeKind.EscapesToHeap && d.FlowStepCount > 0);
        // The same build as the committed fix-before-m2.txt (data/gen/10-escape-logs.sh): its decisions, counted with grep -c.
        var committed = File.ReadAllLines(RepoPaths.Artifact("escape", "fix-before-m2.txt"));
        Assert.Equal(GrepCount(committed, "moved to heap: "), log.CountByKind()[EscapeKind.MovedToHeap]);
        Assert.Equal(GrepCount(committed, @"(?! ).* escapes to heap$"), log.CountByKind()[EscapeKind.EscapesToHeap]);
        Assert.Equal(GrepCount(committed, @"(?! ).* does not escape$"), log.CountByKind()[EscapeKind.DoesNotEscape]);

        var asm = await kernel.SubmitAsync("#!gobuild ../data/go/fix/before --gcflags -S --packages ./fingerprint --name fixAsm",
            NotebookFolder);
        Assert.True(asm.Succeeded, asm.Error);
        Assert.Contains(kernel.Variable<AssemblyListing>("fixAsm").Calls,
            c => c.RuntimeFunction == "makeslice" && c.Function.EndsWith("Fingerprint"));
    }

    private static int GrepCount(string[] lines, string pattern) =>
        lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\S+:\d+:\d+: " + pattern));

    [Fact]
    public async Task Bad_input_and_failed_builds_are_one_line_and_the_next_cell_runs()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("go.mod"), "module example.com/broken\n\ngo 1.19\n");
        File.WriteAllText(dir.File("broken.go"), "package broken\n\nfunc F() int { return undefinedName }\n");
        using var kernel = new InProcessKernel();
        var broken = await kernel.SubmitAsync($"#!gobuild {dir.Path}");
        Assert.Contains("failed (exit ", broken.Error);
        Assert.Contains("undefined: undefinedName", broken.Error);
        Assert.DoesNotContain("   at ", broken.Error);
        var missing = await kernel.SubmitAsync("#!escape no-such.txt", NotebookFolder);
        Assert.Contains("no-such.txt: no such file", missing.Error);
        var noPath = await kernel.SubmitAsync("#!gobuild");
        Assert.Equal("#!gobuild: missing DIR of a Go module to build", noPath.Error);
        var help = await kernel.SubmitAsync("#!escape -h");
        Assert.Contains("--expect", help.AllHtml);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

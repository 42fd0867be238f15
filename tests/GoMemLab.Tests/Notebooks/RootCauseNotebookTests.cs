using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>
/// Chapter 06 runs end to end headless (as `gomemlab run` does), live: the retention guard runs on the service and on the
/// fixed copy (go test, about a minute). Its HTML renders every chart in Chromium offline.
/// </summary>
[Collection(KernelCollection.Name)]
public class RootCauseNotebookTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task Chapter_06_runs_green_and_its_html_renders_offline()
    {
        static string[] Scratch() => Directory.GetDirectories(Path.GetTempPath(), "gomemlab-06-*");
        var before = Scratch();
        var notebook = JupyterNotebook.Load(Path.Combine(RepoPaths.Root, "notebooks", "06-root-cause.ipynb"));
        var run = await NotebookRunner.RunAsync(notebook, [], _ => { }, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Null(run.Failure?.ToString());
        var outputs = string.Join("\n", run.Notebook.Cells.SelectMany(c => c.Outputs).Select(o => o?.ToJsonString(Relaxed) ?? ""));
        // The verdicts its prose states are the ones its outputs show.
        Assert.Contains("verdict-growing", outputs);
        foreach (var site in new[] { "cache/cache.go:32", "cache/cache.go:33", "cache/cache.go:35", "leaky/audit.go:35",
            "registry/registry.go:32" })
            Assert.Contains(site, outputs);
        Assert.Contains("append-growth", outputs);
        Assert.Contains("map-growth", outputs);
        Assert.Contains("fails the build", outputs);
        Assert.Contains("166.32MB", outputs);
        Assert.Contains("verdict growing; 5 suspect sites (5 with their holder from the heap dump)", outputs);
        Assert.DoesNotContain(RepoPaths.Root, outputs);
        Assert.DoesNotContain(Path.GetTempPath(), outputs);
        Assert.Empty(Scratch().Except(before));

        // What holds it: a global holds the cache and the sessions, goroutines blocked in a send hold the audit buffers.
        Assert.Matches("example.com/leaky/internal/cache/cache.go:32.{0,40}bss\\+0x[0-9a-f]+.{0,20}global", outputs);
        Assert.Matches("\\d+ goroutines in main.archive, waiting: chan send", outputs);
        // The retention guard fails on the service and passes once the holders are removed (data/go/leaky-fixed/retention.patch).
        Assert.Contains("leaky: go test exits 1", outputs);
        Assert.Contains("the goroutine count keeps growing", outputs);
        Assert.Contains("leaky-fixed: go test exits 0", outputs);
        Assert.Contains("--- PASS: TestServiceRetention", outputs);
        Assert.Matches("\\d+ goroutines are in main.archive \\(blocked on its send\\)", outputs);

        using var dir = new TempDirectory();
        var html = dir.File("06-root-cause.html");
        File.WriteAllText(html, NotebookHtmlExporter.ToHtml(run.Notebook, "06-root-cause"));
        var dom = HeadlessChromium.RenderedDom(html);
        var drawn = File.ReadAllText(html).Split("window.Plotly.newPlot(document").Length - 1;
        Assert.True(drawn >= 4, $"{drawn} charts");
        Assert.Equal(drawn, HeadlessChromium.RenderedCharts(dom));
        HeadlessChromium.Screenshot(html, Path.Combine(HeadlessChromium.ArtifactFolder, "notebook-06-root-cause.png"), height: 6000);
    }
}

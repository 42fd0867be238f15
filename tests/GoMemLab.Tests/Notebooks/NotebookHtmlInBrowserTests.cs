using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>
/// Every curated notebook, run headless as `gomemlab run` runs it, exported to HTML and opened in headless
/// Chromium with the network off: no cell fails, every chart the page carries is drawn (plotly's SVG), and a
/// screenshot is left in the test output's screenshots folder for people to look at.
/// Live cells (which need Go and take time) are switched off through the notebooks' parameters.
/// </summary>
[Collection(KernelCollection.Name)]
public class NotebookHtmlInBrowserTests
{
    private static readonly Dictionary<string, (string, string)[]> Parameters = new()
    {
        ["02-escape-analysis"] = [("live", "false")],
        ["04-fix-and-guard"] = [("live", "false")],
        ["05-long-run"] = [("startLiveService", "false")],
        ["06-root-cause"] = [("live", "false")],
    };

    // Parameters that name files the notebook writes: into the test's own folder.
    private static (string, string)[] Written(string name, TempDirectory dir) =>
        name == "11-your-program" ? [("reportFile", dir.File("report.html"))] : [];

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            if (!Path.GetFileName(path).StartsWith('.')) data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_and_its_html_renders_every_chart_offline(string name)
    {
        using var dir = new TempDirectory();
        var notebook = JupyterNotebook.Load(Path.Combine(RepoPaths.Root, "notebooks", name + ".ipynb"));
        var run = await NotebookRunner.RunAsync(notebook, [.. Parameters.GetValueOrDefault(name, []), .. Written(name, dir)], _ => { },
            TimeSpan.FromMinutes(5),
            CancellationToken.None);
        Assert.True(run.Failure is null, $"{name}: cell {run.Failure?.Number} failed: {run.Failure?.Error}");

        var html = dir.File(name + ".html");
        File.WriteAllText(html, NotebookHtmlExporter.ToHtml(run.Notebook, name));
        var charts = File.ReadAllText(html).Split("class=\"gomemlab-chart\"").Length - 1;
        var dom = HeadlessChromium.RenderedDom(html);
        Assert.Equal(charts, HeadlessChromium.RenderedCharts(dom));
        HeadlessChromium.Screenshot(html, Path.Combine(HeadlessChromium.ArtifactFolder, name + ".png"), height: 3000);
    }
}

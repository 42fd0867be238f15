using System.Text.Json.Nodes;
using GoMemLab.Charts;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

[Collection(KernelCollection.Name)]
public class NotebookRunnerTests
{
    private static string Notebook(params (string Kind, string Source, string[] Tags)[] cells)
    {
        var array = new JsonArray();
        foreach (var (kind, source, tags) in cells)
            array.Add(new JsonObject
            {
                ["cell_type"] = kind,
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
                ["source"] = source,
                ["outputs"] = new JsonArray(),
                ["execution_count"] = null,
            });
        return new JsonObject
        {
            ["cells"] = array, ["metadata"] = new JsonObject(), ["nbformat"] = 4,
            ["nbformat_minor"] = 5
        }.ToJsonString();
    }

    private static async Task<NotebookRun> Run(TempDirectory dir, string json, params (string, string)[] parameters)
    {
        var path = dir.File("nb.ipynb");
        File.WriteAllText(path, json);
        return await NotebookRunner.RunAsync(JupyterNotebook.Load(path), parameters, _ => { }, TimeSpan.FromMinutes(5),
            CancellationToken.None);
    }

    [Fact]
    public async Task Parameters_override_the_tagged_cell_and_outputs_are_recorded()
    {
        using var dir = new TempDirectory();
        var run = await Run(dir, Notebook(
            ("markdown", "# Title", []),
            ("code", "#i \"nuget:/nowhere\"\n#r \"nuget:GoMemLab.Interactive,9.9.9\"", []),
            ("code", "var top = 5;\nvar label = \"default\";", ["parameters"]),
            ("code", "$\"{label}:{top * 2}\"", [])),
            ("top", "21"), ("label", "incident-42"));
        Assert.Null(run.Failure);
        Assert.True(run.Cells[0].Skipped);
        var last = run.Notebook.Cells.Last();
        var result = last.Outputs.OfType<JsonObject>().Single(o => o["output_type"]!.GetValue<string>() == "execute_result");
        Assert.Contains("incident-42:42", result["data"]!.ToJsonString());
        Assert.Contains(run.Notebook.Cells, c => c.Tags.Contains("injected-parameters"));
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_named()
    {
        using var dir = new TempDirectory();
        var run = await Run(dir, Notebook(
            ("code", "var x = 1;", []),
            ("code", "throw new System.InvalidOperationException(\"boom\");", []),
            ("code", "x", [])));
        Assert.NotNull(run.Failure);
        Assert.Equal(2, run.Failure!.Number);
        Assert.Contains("boom", run.Failure.Error);
        Assert.Equal(2, run.Cells.Count);
    }

    [Fact]
    public async Task Html_export_is_offline_with_one_plotly_copy_for_many_charts()
    {
        using var dir = new TempDirectory();
        var chart = "Plotly.NET.CSharp.Chart.Column<long, string, string>(values: new[] { 1L, 2L }, Keys: new[] { \"a\", \"b\" })";
        var run = await Run(dir, Notebook(("markdown", "Some *markdown*", []), ("code", chart, []), ("code", chart, [])));
        Assert.Null(run.Failure);
        var html = NotebookHtmlExporter.ToHtml(run.Notebook, "nb");
        Assert.Contains("<em>markdown</em>", html);
        Assert.Equal(1, html.Split(PlotlyJs.MarkerAttribute).Length - 1);
        Assert.Equal(2, html.Split("window.Plotly.newPlot(document").Length - 1);
        Assert.DoesNotContain("https://", OfflineHtmlPage.StripInlinedPlotly(html));
    }
}

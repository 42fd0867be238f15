using System.Text.Json.Nodes;
using GoMemLab.Charts;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// A copy of a curated notebook whose loading cell points at <see cref="LocalFeed"/>, placed beside the
/// original (so its relative data paths hold) under a hidden name, deleted on dispose.
/// </summary>
public sealed class HostNotebook : IDisposable
{
    public HostNotebook(string notebookPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(notebookPath))!.AsObject();
        var cells = root["cells"]!.AsArray();
        var load = cells.OfType<JsonObject>().FirstOrDefault(c => CellSource(c).Contains("nuget:GoMemLab.Interactive"))
                   ?? throw new InvalidOperationException(notebookPath + " has no cell loading GoMemLab.Interactive");
        load["source"] = LocalFeed.LoadCell;
        var folder = Path.GetDirectoryName(notebookPath)!;
        var stem = "." + Path.GetFileNameWithoutExtension(notebookPath) + ".hosttest-" + Guid.NewGuid().ToString("N")[..8];
        InputPath = Path.Combine(folder, stem + ".ipynb");
        OutputPath = Path.Combine(folder, stem + ".out.ipynb");
        File.WriteAllText(InputPath, root.ToJsonString());
    }

    public string InputPath { get; }

    public string OutputPath { get; }

    /// <summary>Reads the executed notebook and checks: no error output anywhere, and at least one offline plotly chart.</summary>
    public void AssertExecutedWithChart(string hostOutput)
    {
        Assert.True(File.Exists(OutputPath), "the host wrote no executed notebook. Host output:\n" + hostOutput);
        var executed = JsonNode.Parse(File.ReadAllText(OutputPath))!.AsObject();
        var outputs = executed["cells"]!.AsArray().OfType<JsonObject>()
            .SelectMany(c => (c["outputs"] as JsonArray ?? []).OfType<JsonObject>()).ToList();
        var errors = outputs.Where(o => o["output_type"]?.GetValue<string>() == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.True(errors.Count == 0, "cells failed in the host:\n" + string.Join("\n", errors));
        var html = string.Join("\n", outputs.Select(o => o["data"]?["text/html"]).Where(h => h is not null).Select(h => h is JsonArray a
            ? string.Concat(a.Select(x => x!.GetValue<string>())) : h!.GetValue<string>()));
        Assert.Contains("window.Plotly.newPlot(document", html);
        Assert.Contains(PlotlyJs.MarkerAttribute, html);
        Assert.DoesNotContain("cdn.plot.ly/plotly", html);
    }

    private static string CellSource(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    public void Dispose()
    {
        File.Delete(InputPath);
        File.Delete(OutputPath);
    }
}

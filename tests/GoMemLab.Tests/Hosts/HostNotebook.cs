using System.Text.Json.Nodes;
using GoMemLab.Charts;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// A copy of a notebook whose loading cell points at <see cref="LocalFeed"/>, placed beside the original (so its
/// relative data paths hold) under a hidden name, deleted on dispose. Parameters given are set the way
/// `gomemlab run --param` sets them: a cell right after the one tagged `parameters`.
/// </summary>
public sealed class HostNotebook : IDisposable
{
    private readonly List<(int? Number, string Source)> _cells = [];

    public HostNotebook(string notebookPath, IReadOnlyList<(string Name, string Value)>? parameters = null, bool loadsGoMemLab = true)
    {
        var root = JsonNode.Parse(File.ReadAllText(notebookPath))!.AsObject();
        var cells = root["cells"]!.AsArray();
        var load = cells.OfType<JsonObject>().FirstOrDefault(c => CellSource(c).Contains("nuget:GoMemLab.Interactive"));
        if (load is not null) load["source"] = LocalFeed.LoadCell;
        else if (loadsGoMemLab) throw new InvalidOperationException(notebookPath + " has no cell loading GoMemLab.Interactive");
        for (var i = 0; i < cells.Count; i++) _cells.Add((i + 1, CellSource(cells[i]!.AsObject())));
        if (parameters is { Count: > 0 })
        {
            var tagged = cells.OfType<JsonObject>().ToList().FindIndex(c => c["metadata"]?["tags"] is JsonArray tags && tags.Any(t
                => t?.GetValue<string>() == NotebookParameters.ParametersTag));
            var code = NotebookParameters.InjectedCell(Path.GetFileName(notebookPath),
                NotebookParameterReader.Read(JupyterNotebook.Load(notebookPath)), parameters);
            cells.Insert(tagged + 1, new JsonObject
            {
                ["cell_type"] = "code",
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["execution_count"] = null,
                ["outputs"] = new JsonArray(),
                ["source"] = code,
            });
            _cells.Insert(tagged + 1, (null, code));
        }
        var folder = Path.GetDirectoryName(notebookPath)!;
        Name = Path.GetFileName(notebookPath);
        var stem = "." + Path.GetFileNameWithoutExtension(notebookPath) + ".hosttest-" + Guid.NewGuid().ToString("N")[..8];
        InputPath = Path.Combine(folder, stem + ".ipynb");
        OutputPath = Path.Combine(folder, stem + ".out.ipynb");
        File.WriteAllText(InputPath, root.ToJsonString());
    }

    /// <summary>The original notebook's file name.</summary>
    public string Name { get; }

    public string InputPath { get; }

    public string OutputPath { get; }

    /// <summary>
    /// "cell N of NAME (`first line`)" for the cell whose source starts with <paramref name="preview"/> (what a host
    /// shows of a cell: its first line or lines); N counts every cell of the original notebook from 1, as `gomemlab run` does.
    /// </summary>
    public string NameCell(string preview)
    {
        var start = preview.Replace("\r", "").Trim().TrimEnd('.').TrimEnd();
        var match = _cells.FirstOrDefault(c => c.Source.Replace("\r", "").TrimStart().StartsWith(start,
            StringComparison.Ordinal) && start.Length > 0);
        var firstLine = (match.Source ?? start).Trim().Split('\n')[0];
        return match.Source is null ? $"a cell of {Name} (`{firstLine}`)"
            : match.Number is { } n ? $"cell {n} of {Name} (`{firstLine}`)" : $"the injected parameters cell of {Name}";
    }

    /// <summary>Reads the executed notebook and checks: no error output anywhere, and at least one offline plotly chart.</summary>
    public void AssertExecutedWithChart(string hostOutput)
    {
        Assert.True(File.Exists(OutputPath), "the host wrote no executed notebook. Host output:\n" + hostOutput);
        var executed = JsonNode.Parse(File.ReadAllText(OutputPath))!.AsObject();
        var outputs = executed["cells"]!.AsArray().OfType<JsonObject>()
            .SelectMany(c => (c["outputs"] as JsonArray ?? []).OfType<JsonObject>()).ToList();
        var errors = outputs.Where(o => o["output_type"]?.GetValue<string>() == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.True(errors.Count == 0, $"cells of {Name} failed in the host:\n" + string.Join("\n", errors));
        var html = string.Join("\n",
            outputs.Select(o => o["data"]?["text/html"]).Where(h => h is not null).Select(h => h is JsonArray a ? string.Concat(a.Select(x
                => x!.GetValue<string>())) : h!.GetValue<string>()));
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

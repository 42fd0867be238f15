using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// Chapters 01 and 05 run end to end headless (as `gomemlab run` does) on the data/ artifacts, and the
/// verdicts their prose states are the ones their outputs show.
/// </summary>
[Collection(KernelCollection.Name)]
public class TelemetryNotebooksTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<string> RunAndCollectOutputs(string name)
    {
        var notebook = JupyterNotebook.Load(Path.Combine(RepoPaths.Root, "notebooks", name));
        var run = await NotebookRunner.RunAsync(notebook, [], _ => { }, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Null(run.Failure?.ToString());
        return string.Join("\n", run.Notebook.Cells.SelectMany(c => c.Outputs).Select(o => o?.ToJsonString(Relaxed) ?? ""));
    }

    [Fact]
    public async Task Chapter_01_reaches_growing_for_leaky_and_steady_for_churn()
    {
        var outputs = await RunAndCollectOutputs("01-symptoms.ipynb");
        Assert.Contains("gctrace — leaky-gctrace.log → leaky", outputs);
        Assert.Contains("verdict-growing", outputs);
        Assert.Contains("verdict-steady", outputs);
        Assert.Contains("Did not find a phase matching gcrootdump", outputs);
    }

    [Fact]
    public async Task Chapter_05_runs_including_the_live_poll()
    {
        // The chapter builds the live service into Directory.CreateTempSubdirectory("gomemlab-05-") and leaves it;
        // the folders that appear during this run are removed after it (the notebook is the lead's to change).
        var before = Chapter05Folders();
        string outputs;
        try
        {
            outputs = await RunAndCollectOutputs("05-long-run.ipynb");
        }
        finally
        {
            foreach (var folder in Chapter05Folders().Except(before))
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
        Assert.Contains("func gcMarkRoots", outputs);
        Assert.Contains("/gc/pauses:seconds", outputs);
        Assert.Contains("127.0.0.1", outputs); // the live /debug/vars poll ran
    }

    private static HashSet<string> Chapter05Folders() =>
        Directory.EnumerateDirectories(Path.GetTempPath(), "gomemlab-05-*").ToHashSet(StringComparer.Ordinal);
}

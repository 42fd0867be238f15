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
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
        Assert.DoesNotContain(RepoPaths.Root, outputs);
        // The exercises' solutions: churn's live heap is steady, leaky's goroutines grow.
        Assert.Contains("churn: steady — heap_live_mb", outputs);
        Assert.Matches(@"goroutines: [\d.]+ goroutines per min \(R² [\d.]+\), growing", outputs);
    }

    [Fact]
    public async Task Chapter_05_runs_including_the_live_poll()
    {
        static string[] Scratch() => Directory.GetDirectories(Path.GetTempPath(), "gomemlab-05-*");
        var before = Scratch();
        var outputs = await RunAndCollectOutputs("05-long-run.ipynb");
        Assert.Contains("func gcMarkRoots", outputs);
        Assert.Contains("/gc/pauses:seconds", outputs);
        Assert.Contains("127.0.0.1", outputs); // the live /debug/vars poll ran
        // The service's binary folder is deleted when the notebook stops the service.
        Assert.Empty(Scratch().Except(before));
        Assert.DoesNotContain(RepoPaths.Root, outputs);
        // The pause tail the prose quotes (p99 and max of clock a + c over churn's 261 GCs; awk, nearest rank).
        Assert.Matches(@"both \(the pause\)</td><td class=\W+num\W+>0\.048</td>"
            + @"<td class=\W+num\W+>17\.2</td><td class=\W+num\W+>40\.7<", outputs);
        Assert.Contains("25 of 261 collections paused more than 1 ms", outputs);
    }

}

using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>notebooks/03-alloc-vs-inuse.ipynb runs green on data/ and its verdict names the deliberate leaks.</summary>
[Collection(KernelCollection.Name)]
public class AllocVsInuseNotebookTests
{
    [Fact]
    public async Task Runs_without_failure_and_the_verdict_names_the_deliberate_leaks()
    {
        var notebook = JupyterNotebook.Load(Path.Combine(RepoPaths.Root, "notebooks", "03-alloc-vs-inuse.ipynb"));
        var run = await NotebookRunner.RunAsync(notebook, [], _ => { }, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Null(run.Failure);

        var verdict = run.Notebook.Cells.Single(c => c.IsCode && c.Source.Contains("var leaking", StringComparison.Ordinal));
        var output = verdict.Outputs.ToJsonString();
        // data/artifacts/MANIFEST.md's deliberate leaks that the heap profiles sample (main.(*service).audit's
        // channels are too small to be sampled: 0 in every snapshot).
        Assert.Contains("Leaking (3)", output);
        Assert.Contains("example.com/leaky/internal/cache.(*Cache).Put", output);
        Assert.Contains("main.archive", output);
        Assert.Contains("example.com/leaky/internal/registry.Register", output);
        Assert.Contains("churn: no function of its own holds what it allocates", output);

        var all = string.Concat(run.Notebook.Cells.Select(c => c.Outputs.ToJsonString()));
        // The prose says the data was written at 128 KiB: `go tool pprof -raw` prints `Period: 131072` for it.
        Assert.Contains("131,072 bytes: one sample per 131,072 bytes", all);
        Assert.DoesNotContain(RepoPaths.Root, all);
        // The exercises' answers: the audit buffers are held whole, the cache grows in a straight line.
        Assert.Contains("main.archive: retention 1.00", all);
        Assert.Matches(@"cache.\(\*Cache\).Put: \d+\.\d MiB/min, R\S+ 0\.99\d", all); // ² is escaped in the JSON
    }
}

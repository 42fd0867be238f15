using System.Text.RegularExpressions;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>
/// Chapter 10 runs green headless (as `gomemlab run` does; it makes its fleet with data/gen/fleet.sh, so it needs Go)
/// and its outputs show what its prose claims: pprof's rows equal fleet top's, ingest is idempotent, the Parquet
/// read back holds every profile.
/// </summary>
[Collection(KernelCollection.Name)]
public partial class FleetNotebookTests
{
    [Fact]
    public async Task Chapter_10_runs_green_and_fleet_top_equals_go_tool_pprof_in_it()
    {
        var notebook = JupyterNotebook.Load(Path.Combine(RepoPaths.Root, "notebooks", "10-fleet.ipynb"));
        using var dir = new TempDirectory();
        // Its own fleet and database in a temporary folder, so the test leaves nothing behind.
        var parameters = new[] { ("fleetFolder", dir.File("fleet")), ("database", dir.File("fleet.duckdb")),
            ("parquetFolder", dir.File("parquet")) };
        var run = await NotebookRunner.RunAsync(notebook, parameters, _ => { }, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.True(run.Failure is null, $"cell {run.Failure?.Number} failed: {run.Failure?.Error}");
        var outputs = string.Join("\n", run.Notebook.Cells.SelectMany(c => c.Outputs).Select(o => o?.ToJsonString() ?? ""));

        var profiles = int.Parse(Profiles().Match(outputs).Groups[1].Value);
        Assert.True(profiles >= 200, $"{profiles} profiles");
        Assert.Contains($"first ingest: {profiles} ingested, 0 already present, 0 skipped", outputs);
        Assert.Contains($"again: 0 ingested, {profiles} already present, 0 skipped", outputs);
        var compared = Compared().Match(outputs);
        Assert.True(compared.Success, "no comparison line");
        Assert.True(int.Parse(compared.Groups[2].Value) > 50);
        Assert.Equal(compared.Groups[2].Value, compared.Groups[3].Value);
        Assert.Equal(compared.Groups[2].Value, compared.Groups[4].Value);
        Assert.Contains($"{profiles} profiles and ", outputs);
        Assert.Contains("frames/service=leaky/data_0.parquet", outputs);
        Assert.Matches("growing: .*; not growing: ", outputs);
        Assert.DoesNotContain(dir.Path, outputs);
    }

    [GeneratedRegex(@"(\d+) heap profiles, \d+ KB")]
    private static partial Regex Profiles();

    [GeneratedRegex(@"go tool pprof -top over the same (\d+) files: (\d+) rows; fleet top: (\d+) rows; identical: (\d+)")]
    private static partial Regex Compared();
}

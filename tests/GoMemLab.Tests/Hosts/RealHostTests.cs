using System.Text.Json.Nodes;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// Every curated notebook, with the packed extension, in the real notebook hosts users run: Jupyter (through the
/// dotnet-interactive kernel) and dotnet-repl. In-process runs cannot show host-only failures: the FSharp.Core
/// 10.0/10.1 clash that broke Plotly.NET there, or the form Jupyter's host waits on forever when a magic holds two
/// `@csharp:` references. A cell that hangs fails the test with the cell named. Live cells are switched off as in
/// <see cref="Notebooks.CuratedNotebookTests"/>.
/// </summary>
[Collection(KernelCollection.Name)]
public class RealHostTests
{
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(5);

    // Live cells off (they build and run Go programs: minutes); what notebooks write goes to a scratch folder.
    private static (string, string)[] ParametersFor(string name, TempDirectory scratch) => name switch
    {
        "02-escape-analysis" or "04-fix-and-guard" or "06-root-cause" => [("live", "false")],
        "05-long-run" => [("startLiveService", "false")],
        "08-goroutine-leaks" => [("live", "false")],
        "09-your-service" => [("outDir", scratch.File("09-your-service"))],
        "10-fleet" => [("fleetFolder", scratch.File("fleet")), ("database", scratch.File("fleet.duckdb")), ("parquetFolder",
            scratch.File("parquet"))],
        "11-your-program" => [("reportFile", scratch.File("report.html"))],
        _ => [],
    };

    public static TheoryData<string> Curated()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            if (!Path.GetFileName(path).StartsWith('.')) data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Curated))]
    public void Runs_in_jupyter_with_charts(string name)
    {
        using var scratch = new TempDirectory();
        using var notebook = new HostNotebook(Curated(name), ParametersFor(name, scratch));
        var result = NotebookHosts.Jupyter(notebook, CellTimeout, Path.GetDirectoryName(notebook.InputPath)!);
        Assert.True(result.ExitCode == 0, $"jupyter nbconvert exited {result.ExitCode}:\n{result.Output}");
        notebook.AssertExecutedWithChart(result.Output);
    }

    [Theory]
    [MemberData(nameof(Curated))]
    public void Runs_in_dotnet_repl_with_charts(string name)
    {
        using var scratch = new TempDirectory();
        using var notebook = new HostNotebook(Curated(name), ParametersFor(name, scratch));
        // dotnet-repl resolves relative paths against its own working directory, not the notebook's.
        var result = NotebookHosts.DotnetRepl(notebook, CellTimeout, Path.GetDirectoryName(notebook.InputPath)!);
        notebook.AssertExecutedWithChart(result.Output);
        Assert.True(result.ExitCode == 0, $"dotnet-repl exited {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public void A_hung_cell_is_named_in_jupyter()
    {
        using var dir = new TempDirectory();
        using var notebook = new HostNotebook(HangingNotebook(dir), loadsGoMemLab: false);
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NotebookHosts.Jupyter(notebook, HangTimeout, RepoPaths.Root));
        Assert.Equal($"cell 2 of hang.ipynb (`// waits forever`) did not finish within {HangTimeout.TotalSeconds:0} s in Jupyter",
            failure.Message);
    }

    [Fact]
    public void A_hung_cell_is_named_in_dotnet_repl()
    {
        using var dir = new TempDirectory();
        using var notebook = new HostNotebook(HangingNotebook(dir), loadsGoMemLab: false);
        // dotnet-repl is a local tool: it runs from inside the repository (its tool manifest).
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NotebookHosts.DotnetRepl(notebook, HangTimeout, RepoPaths.Root));
        Assert.Equal($"cell 2 of hang.ipynb (`// waits forever`) did not finish within {HangTimeout.TotalSeconds:0} s in dotnet-repl",
            failure.Message);
    }

    // Long enough for a kernel's first C# cell on a busy machine; the hanging cell is the second.
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(60);

    private static string Curated(string name) => Path.Combine(RepoPaths.Root, "notebooks", name + ".ipynb");

    private static string HangingNotebook(TempDirectory dir)
    {
        JsonObject Cell(string source) => new()
        {
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
            ["execution_count"] = null,
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
        var path = dir.File("hang.ipynb");
        File.WriteAllText(path, new JsonObject
        {
            ["cells"] = new JsonArray(Cell("var x = 1;"), Cell("// waits forever\nawait System.Threading.Tasks.Task.Delay(-1);"),
                Cell("x")),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString());
        return path;
    }
}

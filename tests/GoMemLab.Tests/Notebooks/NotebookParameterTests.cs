using System.Text.Json;
using System.Text.Json.Nodes;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>
/// `gomemlab run --param` types each value by the declaration in the notebook's parameters cell (issue 18, item 1): a
/// string array from repeated --param or JSON (06's heapSnapshots failed with CS1503 when every value was a string), a
/// string that looks like a number stays a string, and `--list-params` shows name, type, default and description.
/// </summary>
[Collection(KernelCollection.Name)]
public class NotebookParameterTests
{
    // The shape of 06's parameters cell: an array built by an expression, and a parameter computed from it.
    private const string ParametersCell = """
        // where the snapshots are
        var heapSnapshots = new[] { 1, 2, 3, 4 }.Select(i => $"heap-{i}.pb.gz").ToArray();
        var heapLatest = heapSnapshots[^1]; // the newest snapshot
        var label = "default";

        var top = 5;
        double threshold = 0.5; // share of the total
        var live = true;
        var window = TimeSpan.FromMinutes(1);
        """;

    private const string UseCell = """
        string[] names = heapSnapshots;
        $"{string.Join("|", names)};{heapLatest};{label};{top * 2};{threshold * 2};{!live}"
        """;

    [Fact]
    public void Types_come_from_the_declarations()
    {
        var parameters = NotebookParameterReader.Read(ParametersCell).ToDictionary(p => p.Name);
        Assert.Equal(["heapSnapshots", "heapLatest", "label", "top", "threshold", "live", "window"], parameters.Keys);
        Assert.Equal((ParameterKind.StringArray, "string[]"), (parameters["heapSnapshots"].Kind, parameters["heapSnapshots"].Type));
        Assert.Equal((ParameterKind.String, "string"), (parameters["heapLatest"].Kind, parameters["heapLatest"].Type));
        Assert.Equal((ParameterKind.Number, "int"), (parameters["top"].Kind, parameters["top"].Type));
        Assert.Equal((ParameterKind.Number, "double"), (parameters["threshold"].Kind, parameters["threshold"].Type));
        Assert.Equal(ParameterKind.Bool, parameters["live"].Kind);
        Assert.Equal((ParameterKind.Unsupported, "TimeSpan"), (parameters["window"].Kind, parameters["window"].Type));
        Assert.Equal("default", parameters["label"].Default);
        Assert.Equal("heapSnapshots[^1]", parameters["heapLatest"].Default);
        Assert.Equal(["heapSnapshots"], parameters["heapLatest"].DependsOn);
        Assert.Equal("where the snapshots are", parameters["heapSnapshots"].Description);
        Assert.Equal("the newest snapshot", parameters["heapLatest"].Description);
        Assert.Equal("share of the total", parameters["threshold"].Description);
        Assert.Null(parameters["top"].Description); // a blank line separates it from any comment above
    }

    [Fact]
    public async Task Repeated_values_make_an_array_and_what_is_computed_from_it_follows()
    {
        using var dir = new TempDirectory();
        var run = await Run(dir, ("heapSnapshots", "a.pb.gz"), ("heapSnapshots", "b.pb.gz"), ("label", "42"), ("top", "21"), ("threshold",
            "0.25"), ("live", "false"));
        Assert.True(run.Failure is null, run.Failure?.Error);
        Assert.Contains("a.pb.gz|b.pb.gz;b.pb.gz;42;42;0.5;True", Result(run));
    }

    [Fact]
    public async Task A_json_array_is_an_array_too()
    {
        using var dir = new TempDirectory();
        var run = await Run(dir, ("heapSnapshots", "[\"x, with comma.pb.gz\", \"y.pb.gz\"]"));
        Assert.True(run.Failure is null, run.Failure?.Error);
        Assert.Contains("x, with comma.pb.gz|y.pb.gz;y.pb.gz;default;10;1;False", Result(run));
    }

    [Theory]
    [InlineData("nosuch", "x",
        "has no parameter 'nosuch'; its parameters are heapSnapshots, heapLatest, label, top, threshold, live, window")]
    [InlineData("live", "yes", "--param live=yes: live is a bool; give true or false")]
    [InlineData("top", "2.5", "--param top=2.5: top is an int; give a whole number")]
    [InlineData("threshold", "half", "--param threshold=half: threshold is a double; give a number, such as 0.5")]
    [InlineData("window", "00:05:00", "--param window: its type TimeSpan cannot be set from the command line")]
    [InlineData("heapSnapshots", "[1,", "heapSnapshots is a string[]; give a JSON array of strings")]
    public void A_value_of_the_wrong_type_is_refused_before_anything_runs(string name, string value, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookParameters.InjectedCell("nb.ipynb",
            NotebookParameterReader.Read(ParametersCell), [(name, value)]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_repeated_name_that_is_no_array_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookParameters.InjectedCell("nb.ipynb",
            NotebookParameterReader.Read(ParametersCell),
            [("label", "a"), ("label", "b")]));
        Assert.Equal("--param label is given 2 times, but it is a string, not an array", e.Message);
    }

    [Fact]
    public void The_cli_lists_the_parameters_and_refuses_an_unknown_one_with_exit_2()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nb.ipynb");
        File.WriteAllText(path, NotebookJson());

        var (exit, stdout, stderr) = GomemlabCli.Run("run", path, "--list-params", "--format", "json");
        Assert.True(exit == 0, stderr);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("string[]", rows["heapSnapshots"].GetProperty("type").GetString());
        Assert.Equal("new[] { 1, 2, 3, 4 }.Select(i => $\"heap-{i}.pb.gz\").ToArray()",
            rows["heapSnapshots"].GetProperty("default").GetString());
        Assert.Contains("repeat --param heapSnapshots=", rows["heapSnapshots"].GetProperty("description").GetString());
        Assert.Equal("TimeSpan (fixed)", rows["window"].GetProperty("type").GetString());
        Assert.StartsWith("the newest snapshot; computed from heapSnapshots", rows["heapLatest"].GetProperty("description").GetString());

        (exit, _, stderr) = GomemlabCli.Run("run", path, "--param", "heapSnapshot=a.pb.gz", "--out", dir.File("out"));
        Assert.Equal(2, exit);
        Assert.Equal("gomemlab: --param heapSnapshot: nb.ipynb has no parameter 'heapSnapshot'; its parameters are heapSnapshots, "
            + "heapLatest, "
            + "label, top, threshold, live, window (--list-params)", stderr.Trim());
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Relative_paths_on_the_command_line_are_the_users_and_labels_stay_as_given()
    {
        using var dir = new TempDirectory();
        var caller = dir.File("work");
        var notebooks = dir.File("repo/notebooks");
        Directory.CreateDirectory(Path.Combine(caller, "prof"));
        Directory.CreateDirectory(notebooks);
        File.WriteAllText(Path.Combine(caller, "prof", "heap-1.pb.gz"), "");
        File.WriteAllText(Path.Combine(caller, "prof", "heap-2.pb.gz"), "");
        var declared = NotebookParameterReader.Read(ParametersCell);
        var rebased = NotebookParameters.FromCallerFolder(
            [("heapSnapshots", "prof/heap-1.pb.gz"), ("heapSnapshots", "[\"prof/heap-2.pb.gz\"]"), ("heapLatest", "prof/report.html"),
             ("label", "incident-42"), ("heapLatest", "prof/heap-*.pb.gz"), ("label", "/abs/x")], declared, caller, notebooks);
        Assert.Equal(
            [("heapSnapshots", "../../work/prof/heap-1.pb.gz"), ("heapSnapshots", "[\"../../work/prof/heap-2.pb.gz\"]"),
             ("heapLatest", "../../work/prof/report.html"), ("label", "incident-42"), ("heapLatest", "../../work/prof/heap-*.pb.gz"),
                 ("label", "/abs/x")],
            rebased);
    }

    [Fact]
    public void Every_curated_notebook_documents_every_parameter()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"),
            "*.ipynb").Where(p => !Path.GetFileName(p).StartsWith('.')))
            foreach (var parameter in NotebookParameterReader.Read(JupyterNotebook.Load(path)))
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Description),
                    $"{Path.GetFileName(path)}: parameter {parameter.Name} has no comment");
                Assert.NotEqual(ParameterKind.Unsupported, parameter.Kind);
            }
    }

    private static string NotebookJson()
    {
        JsonObject Cell(string source, params string[] tags) => new()
        {
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
            ["source"] = source,
            ["outputs"] = new JsonArray(),
            ["execution_count"] = null,
        };
        return new JsonObject
        {
            ["cells"] = new JsonArray(Cell(ParametersCell, "parameters"), Cell(UseCell)),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }

    private static async Task<NotebookRun> Run(TempDirectory dir, params (string, string)[] parameters)
    {
        var path = dir.File("nb.ipynb");
        File.WriteAllText(path, NotebookJson());
        return await NotebookRunner.RunAsync(JupyterNotebook.Load(path), parameters, _ => { }, TimeSpan.FromMinutes(5),
            CancellationToken.None);
    }

    private static string Result(NotebookRun run) =>
        run.Notebook.Cells.Last().Outputs.OfType<JsonObject>().Single(o
            => o["output_type"]!.GetValue<string>() == "execute_result")["data"]!.ToJsonString();
}

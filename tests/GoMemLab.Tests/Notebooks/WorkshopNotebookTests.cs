using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>
/// The workshop notebooks (chapters 01–11 and 05b) run green, pose exercises answered by solution cells, and `gomemlab workshop`
/// makes the participants' copy of them. The lab and 09 run live Go programs (about a minute each).
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class WorkshopNotebookTests
{
    private static readonly string[] Workshop = ["05b-gogc-gomemlimit-lab", "09-your-service"];

    // The curated chapters, whose exercises answer from the committed artifacts.
    private static readonly string[] Chapters =
        ["01-symptoms", "02-escape-analysis", "03-alloc-vs-inuse", "04-fix-and-guard", "05-long-run", "06-root-cause",
            "07-who-keeps-it-alive", "08-goroutine-leaks", "10-fleet", "11-your-program"];

    private static string Notebook(string name) => Path.Combine(RepoPaths.Root, "notebooks", name + ".ipynb");

    [Theory]
    [MemberData(nameof(Names))]
    public void Poses_at_least_two_exercises_each_followed_by_a_solution(string name)
    {
        var cells = JupyterNotebook.Load(Notebook(name)).Cells;
        var exercises = cells.Select((c, i) => (c,
            i)).Where(x => !x.c.IsCode && x.c.Tags.Contains(WorkshopCopy.ExerciseTag)).Select(x => x.i).ToList();
        Assert.True(exercises.Count >= 2, $"{name} poses {exercises.Count} exercises");
        for (var e = 0; e < exercises.Count; e++)
        {
            var end = e + 1 < exercises.Count ? exercises[e + 1] : cells.Count;
            Assert.Contains(cells.Skip(exercises[e] + 1).Take(end - exercises[e] - 1),
                c => c.IsCode && c.Tags.Contains(WorkshopCopy.SolutionTag));
        }
    }

    public static TheoryData<string> Names() => new([.. Chapters, .. Workshop]);

    [Fact]
    public void The_participants_copy_has_stubs_for_solutions_keeps_tags_and_clears_outputs()
    {
        using var dir = new TempDirectory();
        var inputs = Workshop.Select(Notebook).ToArray();
        var (exit, stdout, stderr) = GomemlabCli.Run(["workshop", .. inputs, "--out", dir.Path]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("2 exercises, 4 solution cells replaced by stubs", stdout);
        foreach (var input in inputs)
        {
            var original = JupyterNotebook.Load(input).Cells;
            var copy = JupyterNotebook.Load(Path.Combine(dir.Path, Path.GetFileName(input))).Cells;
            Assert.Equal(original.Count, copy.Count);
            string? exercise = null;
            for (var i = 0; i < copy.Count; i++)
            {
                Assert.Equal(original[i].Tags, copy[i].Tags);
                Assert.Empty(copy[i].Outputs);
                if (original[i].Tags.Contains(WorkshopCopy.ExerciseTag)) exercise = original[i].Source;
                if (original[i].IsCode && original[i].Tags.Contains(WorkshopCopy.SolutionTag))
                {
                    // The hint is the exercise's first sentence, read here straight from the markdown.
                    var sentence = exercise!.Split('\n', 2)[1].Replace("`", "").Replace('\n', ' ').Trim();
                    var end = System.Text.RegularExpressions.Regex.Match(sentence, @"[.?!](\s|$)");
                    if (end.Success) sentence = sentence[..(end.Index + 1)];
                    var expected = "// your turn: " + (sentence.Length <= 110 ? sentence : sentence[..107].TrimEnd() + "…") + "\n";
                    Assert.Equal(expected, copy[i].Source);
                }
                else Assert.Equal(original[i].Source, copy[i].Source);
            }
        }
    }

    [Fact]
    public void The_workshop_command_refuses_to_overwrite_its_inputs()
    {
        var input = Notebook(Workshop[0]);
        var before = SHA256.HashData(File.ReadAllBytes(input));
        var (exit, _, stderr) = GomemlabCli.Run("workshop", input, "--out", Path.GetDirectoryName(input)!);
        Assert.Equal(2, exit);
        Assert.Equal($"gomemlab: --out {Path.GetDirectoryName(input)} would overwrite the input {input}; the participants' copy needs "
            + $"another folder", stderr.Trim());
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(input)));
    }

    [Fact]
    public async Task The_gogc_lab_runs_green_and_measures_the_trade_off()
    {
        var run = await NotebookRunner.RunAsync(JupyterNotebook.Load(Notebook("05b-gogc-gomemlimit-lab")), [], _ => { },
            TimeSpan.FromMinutes(3), CancellationToken.None);
        Assert.True(run.Failure is null, $"cell {run.Failure?.Number} failed: {run.Failure?.Error}");
        var comparison = Output(run, "GcTraceSummary S(string setting)");
        // The environment reached the program: a higher GOGC means fewer collections for the same work.
        var counts = System.Text.RegularExpressions.Regex.Match(comparison, @"GOGC 50 -> 200: (\d+) -> (\d+) collections");
        Assert.True(counts.Success, comparison);
        Assert.True(int.Parse(counts.Groups[1].Value) > int.Parse(counts.Groups[2].Value), comparison);
        Assert.Contains("GOGC=100: mean goal / live =", comparison);
        Assert.Contains("environment", Output(run, "--env \"GOGC=50\""));
        Assert.Contains("GOGC=50", Output(run, "--env \"GOGC=50\""));
        Assert.DoesNotContain(RepoPaths.Root, string.Concat(run.Notebook.Cells.Select(c => c.Outputs.ToJsonString())));
    }

    [Fact]
    public async Task Your_service_runs_against_the_leaky_service_given_by_url_and_writes_the_report()
    {
        using var service = await LeakyService.StartAsync(TimeSpan.FromSeconds(120));
        using var dir = new TempDirectory();
        var parameters = new[] { ("pprofUrl", service.Url + "/debug/pprof"), ("expvarUrl", service.Url + "/debug/vars"), ("outDir",
            dir.Path), ("secondsApart", "2"), ("heapDumpUrl", service.Url + "/debug/heapdump") };
        var run = await NotebookRunner.RunAsync(JupyterNotebook.Load(Notebook("09-your-service")), parameters, _ => { },
            TimeSpan.FromMinutes(3), CancellationToken.None);
        Assert.True(run.Failure is null, $"cell {run.Failure?.Number} failed: {run.Failure?.Error}");
        Assert.True(File.Exists(Path.Combine(dir.Path, "report.html")));
        Assert.Equal(3, Directory.GetFiles(dir.Path, "heap-*.pb.gz").Length);
        // The deliberate leaks of data/go/leaky (its "// deliberate leak:" lines) are what the capture finds.
        Assert.Contains("cache.(*Cache).Put", Output(run, "latest.LeakSuspects()"));
        // The saved heap dump is analysed: per root what it alone retains; a global (the cache's holder) leads.
        Assert.True(File.Exists(Path.Combine(dir.Path, "heap.dump")));
        var roots = Output(run, "var heapDump = HeapDump.Load(heapDumpFile)");
        Assert.Contains("retained_bytes", roots);
        Assert.Matches("<td>bss\\+0x[0-9a-f]+</td><td>global</td>", roots);
        Assert.Contains("your service was left running", Output(run, "sample is { HasExited: false }"));
    }

    private static string Output(NotebookRun run, string sourcePart)
    {
        var cell = Assert.Single(run.Notebook.Cells, c => c.IsCode && c.Source.Contains(sourcePart, StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var output in cell.Outputs.OfType<JsonObject>())
        {
            if (output["text"] is { } stream) text.Append(stream is JsonArray a ? string.Concat(a.Select(l
                => (string?)l)) : (string?)stream);
            if (output["data"] is JsonObject data)
                foreach (var (_,
                    value) in data) text.Append(value is JsonValue v
                        && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString()).Append('\n');
        }
        return text.ToString();
    }
}

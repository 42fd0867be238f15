using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Notebooks;

/// <summary>
/// The curated notebooks in notebooks/ run green through the same runner as `gomemlab run`, and their
/// outputs say what their prose claims. One row per notebook: its parameters and its content checks.
/// Live cells (`live`) are switched off here to keep the run short; they skip cleanly without Go anyway.
/// </summary>
[Collection(KernelCollection.Name)]
public partial class CuratedNotebookTests
{
    private static readonly Dictionary<string, ((string, string)[] Parameters, Action<NotebookRun> Check)> Notebooks = new()
    {
        ["02-escape-analysis"] = ([("live", "false")], CheckEscapeAnalysis),
        ["04-fix-and-guard"] = ([("live", "false")], CheckFixAndGuard),
    };

    public static TheoryData<string> Names() => new(Notebooks.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Runs_green_and_shows_what_its_prose_says(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "notebooks", name + ".ipynb");
        var (parameters, check) = Notebooks[name];
        var run = await NotebookRunner.RunAsync(JupyterNotebook.Load(path), parameters, _ => { }, TimeSpan.FromMinutes(5),
            CancellationToken.None);
        Assert.True(run.Failure is null, $"cell {run.Failure?.Number} failed: {run.Failure?.Error}");
        check(run);
    }

    // The catalogue's cases are its doc comments "// F is the case "…"": the ground truth of data/go/leaky/escape.
    private static void CheckEscapeAnalysis(NotebookRun run)
    {
        var cases = Directory.EnumerateFiles(RepoPaths.Data("go", "leaky", "escape"), "*.go")
            .SelectMany(File.ReadLines).Select(l => CaseComment().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(cases.Count >= 10, $"only {cases.Count} cases found in the catalogue");
        var causesAndLeaks = Output(run, "var causes = m2.Causes()") + Output(run, "catalogueDiagnostics");
        foreach (var function in cases) Assert.Contains($">{function}<", causesAndLeaks);
        var causes = Output(run, "var causes = m2.Causes()");
        foreach (var cause in new[] { "returned-to-caller", "stored-in-global-or-heap", "captured-by-closure", "converted-to-interface",
            "too-large-or-non-constant-size" })
            Assert.Contains(cause, causes);

        Assert.Contains("escape/pointer.go:16:2: moved to heap: p", Output(run, "var newPoint = m2"));
        Assert.Contains("showarrow", Output(run, "FlowChain(m2, newPoint)"));
        var expectations = Output(run, "EscapeExpectations.Load(catalogue)");
        Assert.Contains("-m: 71 expectations on 9 files: 0 unmet, 0 unexpected", expectations);
        Assert.Contains("-m=2: 71 expectations on 9 files: 0 unmet, 0 unexpected", expectations);
        // Mismatches the prose explains: the inlined String call, and a non-escaping map that still calls makemap.
        Assert.Contains("bytes/buffer.go", Output(run, "f.EndsWith(\"bytes/buffer.go\")"));
        Assert.Contains("makemap", Output(run, "var fixMap"));
        Assert.Contains("live = false", Output(run, "var go = GoToolchain.FindGo()"));
        // The seed's §2.1 on the real SSA page: p is marked esc(h) before SSA, and the first SSA form already calls newobject.
        var ssa = Output(run, "var newPointSsa = SsaDump.Load");
        Assert.Contains("escape.p", ssa);
        Assert.Contains("MakePoint: 0 names marked esc(h), 0 calls to runtime.newobject", Output(run, "var makePointSsa"));
        Assert.Contains("StaticLECall: first in the column of 'before insert phis'",
            Output(run, "newPointSsa.CallsTo(\"runtime.newobject\").GroupBy"));
        Assert.Contains("escape/closure.go:6: moved to heap: n — cause captured-by-closure", Output(run, "var counterN"));
        Assert.Contains("lines that mention cfg: 0", Output(run, "var seedGo"));
    }

    private static void CheckFixAndGuard(NotebookRun run)
    {
        var diff = Output(run, "var diff = EscapeDiff.Compare(before, after)");
        Assert.Contains("0 new, 1 removed, 5 unchanged heap escapes", diff);
        Assert.Matches(">removed<.*?>Fingerprint<.*?>make\\(\\[\\]byte, 0, len\\(r.Name\\) \\+ 40\\)<", diff);

        // The totals go tool pprof printed for the same profiles (data/gen/50-pprof-goldens.sh).
        long Total(string profile) => long.Parse(PprofTotal().Match(File.ReadAllText(
            RepoPaths.Data("golden", "pprof", $"{profile}.alloc_space.functions.txt"))).Groups[1].Value);
        var allocSpace = Output(run, "var allocSpace");
        Assert.Contains($"before {Total("fix-before-heap"):N0} B (166.32 MB), after {Total("fix-after-heap"):N0} B (46.51 MB)", allocSpace);

        var gate = Output(run, "var gateReport");
        Assert.Contains("the fix (before -> after): 0 new, 1 removed, 5 unchanged -> exit code 0", gate);
        Assert.Contains("a regression (after -> before): 1 new, 0 removed, 5 unchanged -> exit code 1", gate);
        Assert.Contains("0 findings -> exit code 0", Output(run, "var findings = EscapeExpectations.Load(catalogue).Check"));

        // The seed's NewHandler compiled: only &Handler{...} escapes, no line about cfg (claim 13 of docs/seed-claims.md).
        var newHandler = Output(run, "var seedGo");
        Assert.Contains("escape/newhandler.go:16:9:   flow: ~r0 = &{storage for &Handler{...}}:", newHandler);
        Assert.Contains("lines that mention cfg: 0", newHandler);
        // The exercises: the reverted fix's new escape, and the bytes saved per call from go tool pprof's own totals.
        Assert.Contains("new: fingerprint/fingerprint.go:19 Fingerprint: make([]byte, 0, len(r.Name) + 40) — cause "
            + "too-large-or-non-constant-size",
            Output(run, "var regression = EscapeDiff.Compare(after, before)"));
        var saved = Total("fix-before-heap") - Total("fix-after-heap");
        Assert.Contains($"{saved:N0} bytes less over 2,000 rounds of 1,000 records: {saved / 2_000_000.0:0.0} bytes per fingerprint",
            Output(run, "var saved = AllocSpace(beforeHeap)"));
    }

    /// <summary>Every output (stream text, HTML, plain text) of the one code cell whose source contains
    /// <paramref name="sourcePart"/>.</summary>
    private static string Output(NotebookRun run, string sourcePart)
    {
        var cell = Assert.Single(run.Notebook.Cells, c => c.IsCode && c.Source.Contains(sourcePart, StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var output in cell.Outputs.OfType<JsonObject>())
        {
            if (output["text"] is { } stream) text.Append(Flatten(stream));
            if (output["data"] is JsonObject data)
                foreach (var (_, value) in data) text.Append(Flatten(value)).Append('\n');
        }
        return text.ToString();
    }

    private static string Flatten(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node?.ToJsonString() ?? "",
    };

    [GeneratedRegex("^// (\\w+) is the case \"")]
    private static partial Regex CaseComment();

    [GeneratedRegex("of (\\d+)B total")]
    private static partial Regex PprofTotal();
}

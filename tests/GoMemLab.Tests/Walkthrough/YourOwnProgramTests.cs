using System.Net;
using System.Text.RegularExpressions;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Walkthrough;

/// <summary>
/// Issue 18's "done when": a new user goes from `go build` of a program GoMemLab has never seen (data/go/batch: no HTTP,
/// writes two heap profiles itself) to a report, in the CLI and in a notebook, without reading notebook JSON. The commands
/// are the console block of docs/your-own-program.md, run as written (through sh, `gomemlab` on PATH) in a copy of the
/// program, so the page cannot drift from what works; each step's output is checked against what the page says it shows.
/// Needs Go.
/// </summary>
[Collection(KernelCollection.Name)]
public partial class YourOwnProgramTests
{
    [Fact]
    public void The_walkthrough_goes_from_go_build_to_a_report_in_the_cli_and_in_a_notebook()
    {
        ExternalTools.Require("go");
        using var dir = new TempDirectory();
        var module = Path.Combine(dir.Path, "batch");
        Directory.CreateDirectory(module);
        foreach (var file in Directory.GetFiles(RepoPaths.Data("go", "batch")))
            File.Copy(file, Path.Combine(module, Path.GetFileName(file)));
        var bin = Path.Combine(dir.Path, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "gomemlab"),
            $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "gomemlab.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(bin, "gomemlab"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["GOMEMLAB"] = RepoPaths.Root,
            ["GOPROXY"] = "off",
            ["GOFLAGS"] = "-mod=mod",
        };

        var steps = Commands(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "your-own-program.md")));
        Assert.Equal(9, steps.Count);
        var outputs = new Dictionary<string, ExternalProcess.Result>();
        foreach (var step in steps)
        {
            var result = ExternalProcess.Run("sh", ["-c", step], module, TimeSpan.FromMinutes(6), environment);
            Assert.True(result.ExitCode == 0, $"$ {step}\nexit {result.ExitCode}:\n{result.Output}");
            outputs[step] = result;
        }
        ExternalProcess.Result Output(string start) => outputs[steps.Single(s => s.StartsWith(start, StringComparison.Ordinal))];

        // 2. capture: too short to call, and the two profiles the program wrote.
        var capture = Output("gomemlab capture");
        Assert.Contains("Verdict: too short to call: ", capture.Output);
        Assert.Matches(@"prof/heap-1\.pb\.gz\s*\n.*prof/heap-2\.pb\.gz", capture.Stdout);
        // 3. why: the map that never forgets (dedupe.go's "deliberate leak" line) and the returned &Order{...}, module-relative.
        var leakLine = File.ReadLines(Path.Combine(module, "dedupe.go")).Select((l, i) => (l,
            i + 1)).Single(x => x.l.Contains("deliberate leak")).Item2;
        var why = Output("gomemlab why").Stdout;
        Assert.Matches($@"\ndedupe\.go:{leakLine}\s+main\.remember\s+dedupe\.go\s+{leakLine}\s.*\sruntime\s+none\s+map-growth\s+"
            + @"runtime\.mapassign_faststr", why);
        Assert.Matches(@"\norder\.go:26\s+main\.decode\s.*\sexplained\s+escapes-to-heap\s+returned-to-caller\s", why);
        // 4. report: the remedy for the map, and the command line as it was typed.
        var report = Page(Path.Combine(module, "report.html"));
        Assert.Contains($"<code>dedupe.go:{leakLine}</code> in <code>main.remember</code>", report);
        Assert.Contains("Looks like unbounded-map", report);
        Assert.Contains("<pre>gomemlab report --heap prof/heap-1.pb.gz --heap prof/heap-2.pb.gz --escape m2.txt --asm asm.txt --title "
            + "'batch — first look' "
            + "--out report.html</pre>", report);
        // 5. the notebook: its parameters without opening it, then a run on two snapshots that steps around the trend.
        Assert.Matches(@"\nheapSnapshots\s+string\[\]\s",
            Output("gomemlab run $GOMEMLAB/notebooks/11-your-program.ipynb --list-params").Stdout);
        var notebook = Page(Path.Combine(module, "nb", "11-your-program.html"));
        Assert.Contains("A trend needs three or more heap snapshots; 2 given: this cell steps aside.", notebook);
        Assert.Contains("main.remember", notebook);
        Assert.Contains("unbounded-map", notebook);
        Assert.Contains("wrote notebook-report.html", notebook);
        Assert.Contains("Looks like unbounded-map", Page(Path.Combine(module, "prof", "notebook-report.html")));
        // No absolute path of this machine in what the user shares (a path relative to the notebook may pass through it).
        foreach (var page in new[] { report, notebook, why })
            Assert.DoesNotMatch("(?<!\\.)" + Regex.Escape(dir.Path), page);
    }

    // The lines after "$ " in the first console block.
    private static List<string> Commands(string markdown) =>
        ConsoleBlock().Match(markdown).Groups[1].Value.Split('\n').Where(l => l.StartsWith("$ ",
            StringComparison.Ordinal)).Select(l => l[2..].Trim()).ToList();

    // An HTML page as text, without its inlined plotly.js.
    private static string Page(string path) =>
        WebUtility.HtmlDecode(GoMemLab.Charts.OfflineHtmlPage.StripInlinedPlotly(File.ReadAllText(path)));

    [GeneratedRegex("```console\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();
}

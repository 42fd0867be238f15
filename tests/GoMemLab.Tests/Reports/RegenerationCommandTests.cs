using System.Net;
using GoMemLab.Reports;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Reports;

/// <summary>
/// The report's "Regenerate the inputs" section says how each input is made from what the file holds, not from the option it
/// was given as, and "This report" is the command line that was run (issue 18, item 6). The inputs are copies of the
/// artifacts outside data/artifacts, so MANIFEST.md's commands do not apply; what each file is comes from MANIFEST.md.
/// </summary>
public class RegenerationCommandTests
{
    [Theory]
    [InlineData("heap/leaky-heap-1.pb.gz", DetectedFormat.PprofProtobuf)]
    [InlineData("heap/leaky-heap-debug1.txt", DetectedFormat.HeapProfileText)]
    [InlineData("escape/leaky-m1.txt", DetectedFormat.EscapeM1)]
    [InlineData("escape/leaky-m2.txt", DetectedFormat.EscapeM2)]
    [InlineData("escape/leaky-json", DetectedFormat.EscapeJsonDirectory)]
    [InlineData("escape/leaky-asm.txt", DetectedFormat.AssemblyListing)]
    [InlineData("telemetry/leaky-gctrace.log", DetectedFormat.GcTrace)]
    [InlineData("telemetry/leaky-memstats.jsonl", DetectedFormat.MemStatsJsonLines)]
    [InlineData("telemetry/leaky-vars-1.json", DetectedFormat.ExpvarJson)]
    public void Each_artifact_is_recognised_as_what_made_it(string artifact, DetectedFormat expected) =>
        Assert.Equal(expected, InputFormatDetector.Detect(RepoPaths.Artifact(artifact.Split('/'))));

    [Fact]
    public void A_debug1_heap_profile_given_as_memstats_is_not_described_as_expvar_and_the_command_line_is_the_one_run()
    {
        using var dir = new TempDirectory();
        foreach (var (from, to) in new[]
                 {
                     ("heap/leaky-heap-4.pb.gz", "heap-2.pb.gz"), ("heap/leaky-heap-debug1.txt", "heap-debug1.txt"),
                     ("escape/leaky-m1.txt", "escape.log"), ("telemetry/leaky-gctrace.log", "gc.log"),
                 })
            File.Copy(RepoPaths.Artifact(from.Split('/')), dir.File(to));

        var run = ExternalProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), "report", "--heap", "heap-2.pb.gz",
            "--memstats", "heap-debug1.txt", "--escape", "escape.log", "--gctrace", "gc.log", "--title", "Nightly batch, 1 Dec", "--out",
                "out/../my-report.html"],
            dir.Path, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Output);
        var html = WebUtility.HtmlDecode(File.ReadAllText(dir.File("my-report.html")));
        var debug1 = Row(html, "heap-debug1.txt");
        Assert.Contains("pprof.Lookup(\"heap\").WriteTo(f, 1)", debug1);
        Assert.Contains("curl -sSf -o heap-debug1.txt 'http://HOST:PORT/debug/pprof/heap?debug=1'", debug1);
        Assert.DoesNotContain("/debug/vars", html);
        var profile = Row(html, "heap-2.pb.gz");
        Assert.Contains("pprof.WriteHeapProfile(f)", profile);
        Assert.Contains("curl -sSf -o heap-2.pb.gz http://HOST:PORT/debug/pprof/heap", profile);
        Assert.Contains("go build -gcflags=-m ./... 2> escape.log", Row(html, "escape.log"));
        // The binary is named after the profile's main mapping (MANIFEST.md: go build -trimpath -o leaky ./cmd/leaky).
        Assert.Contains("GODEBUG=gctrace=1 ./leaky 2> gc.log", Row(html, "gc.log"));
        Assert.Contains("<pre>gomemlab report --heap heap-2.pb.gz --memstats heap-debug1.txt --escape escape.log --gctrace gc.log "
            + "--title 'Nightly batch, 1 Dec' --out out/../my-report.html</pre>", html);
    }

    [Fact]
    public void A_report_built_in_code_names_its_title_and_the_file_it_was_saved_to()
    {
        using var dir = new TempDirectory();
        var heap = dir.File("prod heap.pb.gz");
        File.Copy(RepoPaths.Artifact("heap", "churn-heap.pb.gz"), heap);
        var report = IncidentReport.Build(new IncidentReportInputs { HeapProfiles = [heap], Title = "Prod, 1 Dec" });
        Assert.Equal($"gomemlab report --heap '{heap}' --title 'Prod, 1 Dec' --out report.html", report.ReportCommand());
        report.Save(dir.File("saved.html"));
        Assert.EndsWith($"--out {dir.File("saved.html")}", report.ReportCommand());
    }

    // The commands cell of the table row whose input cell names the file.
    private static string Row(string html, string input)
    {
        var start = html.IndexOf($"<tr><td>{input}</td>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {input}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}

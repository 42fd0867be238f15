using System.Text.RegularExpressions;
using GoMemLab.Inputs;
using GoMemLab.Reports;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Reports;

public class IncidentReportTests
{
    private static IncidentReportInputs LeakyInputs() => new()
    {
        HeapProfiles = [.. Enumerable.Range(1, 4).Select(i => RepoPaths.Artifact("heap", $"leaky-heap-{i}.pb.gz"))],
        Escape = RepoPaths.Artifact("escape", "leaky-m2.txt"),
        Assembly = RepoPaths.Artifact("escape", "leaky-asm.txt"),
        GcTrace = RepoPaths.Artifact("telemetry", "leaky-gctrace.log"),
        MemStats = [RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl")],
        Title = "leaky — incident report",
    };

    [Fact]
    public void The_leaky_report_renders_offline_in_chromium_with_every_chart()
    {
        var report = IncidentReport.Build(LeakyInputs());
        using var dir = new TempDirectory();
        var path = dir.File("report.html");
        report.Save(path);
        var html = File.ReadAllText(path);
        Assert.DoesNotMatch(new Regex("<(script|link|img)[^>]+(src|href)=\"https?://"), html);
        var dom = HeadlessChromium.RenderedDom(path);
        Assert.Equal(report.ChartCount, HeadlessChromium.RenderedCharts(dom));
        Assert.True(report.ChartCount >= 5);
        HeadlessChromium.Screenshot(path, Path.Combine(HeadlessChromium.ArtifactFolder, "incident-report-leaky.png"), height: 5200);
    }

    [Fact]
    public void The_leaky_report_says_growing_and_names_the_sampled_leaks_as_suspects()
    {
        var report = IncidentReport.Build(LeakyInputs());
        Assert.Equal(LeakVerdict.Growing, report.Verdict);
        // MANIFEST.md: the deliberate leaks with bytes in use in leaky-heap-4 (audit.go:23 and registry.go:34 are never sampled).
        Assert.Equal(new[]
        {
            "example.com/leaky/cmd/leaky/audit.go:35", "example.com/leaky/internal/cache/cache.go:32",
                "example.com/leaky/internal/cache/cache.go:33",
            "example.com/leaky/internal/cache/cache.go:35", "example.com/leaky/internal/registry/registry.go:32",
        }, report.Suspects.Select(s => s.Site.Site).Order(StringComparer.Ordinal));
        var html = report.ToHtml();
        // The bundled artifacts regenerate with MANIFEST.md's own commands, build directory included.
        Assert.Contains("go build -a -gcflags=-m=2 ./... 2&gt; &quot;$A/escape/leaky-m2.txt&quot;", html);
        Assert.Contains("# In /src/leaky (a copy of data/go/leaky)", html);
        Assert.Contains("go build -trimpath -o leaky ./cmd/leaky", html);
        Assert.Contains("verdict-growing", html);
    }

    [Fact]
    public void Inputs_outside_the_bundle_get_the_generic_commands()
    {
        using var dir = new TempDirectory();
        var heap = dir.File("prod-heap.pb.gz");
        File.Copy(RepoPaths.Artifact("heap", "churn-heap.pb.gz"), heap);
        var report = IncidentReport.Build(new IncidentReportInputs { HeapProfiles = [heap] });
        var html = report.ToHtml();
        Assert.Contains("curl -sSf -o prod-heap.pb.gz http://HOST:PORT/debug/pprof/heap", html);
        Assert.Contains("No escape log was given", html);
        Assert.Equal(LeakVerdict.InsufficientData, report.Verdict);
    }

    [Fact]
    public void No_input_or_a_bad_one_is_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => IncidentReport.Build(new IncidentReportInputs()));
        var e = Assert.Throws<InputFormatException>(() => IncidentReport.Build(new IncidentReportInputs
        {
            GcTrace = RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"),
        }));
        Assert.Contains("leaky-heap-1.pb.gz", e.Message);
    }
}

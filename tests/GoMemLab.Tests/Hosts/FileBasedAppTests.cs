using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// The path that survives .NET Interactive's deprecation: a C# file-based app referencing the core
/// (`dotnet run examples/leak-report.cs`) writes the same offline report as `gomemlab report`, from any folder.
/// </summary>
[Collection(KernelCollection.Name)]
public class FileBasedAppTests
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "examples", "leak-report.cs");

    [Fact]
    public void Leak_report_example_runs_from_another_folder_and_writes_an_offline_report()
    {
        // Run from a folder outside the checkout: the example finds the bundled data beside its own file.
        using var dir = new TempDirectory();
        var result = ExternalProcess.Run("dotnet", ["run", Script, "--", "report.html"], dir.Path, TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, "dotnet run examples/leak-report.cs failed:\n" + result.Output);
        Assert.Contains("verdict: growing", result.Output);
        Assert.Contains("main.archive", result.Output);
        Assert.Contains("wrote report.html (", result.Output);
        Assert.DoesNotContain(RepoPaths.Root, result.Output);
        var dom = HeadlessChromium.RenderedDom(dir.File("report.html"));
        var charts = int.Parse(System.Text.RegularExpressions.Regex.Match(result.Output, @"\((\d+) charts, offline\)").Groups[1].Value);
        Assert.True(charts > 0);
        Assert.Equal(charts, HeadlessChromium.RenderedCharts(dom));
    }

    [Fact]
    public void Leak_report_example_prints_bad_input_as_one_line()
    {
        using var dir = new TempDirectory();
        var result = ExternalProcess.Run("dotnet", ["run", Script, "--", "report.html", "no-such-heap.pb.gz"], dir.Path,
            TimeSpan.FromMinutes(8));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("leak-report: no-such-heap.pb.gz: no such file", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain("Unhandled exception", result.Output);
        Assert.False(File.Exists(dir.File("report.html")));
    }
}

using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// The path that survives .NET Interactive's deprecation: a C# file-based app referencing the core
/// (`dotnet run examples/leak-report.cs`) writes the same offline report as `gomemlab report`.
/// </summary>
[Collection(KernelCollection.Name)]
public class FileBasedAppTests
{
    [Fact]
    public void Leak_report_example_runs_with_dotnet_run_and_writes_an_offline_report()
    {
        using var dir = new TempDirectory();
        var output = dir.File("report.html");
        var result = ExternalProcess.Run("dotnet", ["run", "examples/leak-report.cs", "--", output], RepoPaths.Root, TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, "dotnet run examples/leak-report.cs failed:\n" + result.Output);
        Assert.Contains("verdict: Growing", result.Output);
        Assert.Contains("main.archive", result.Output);
        var dom = HeadlessChromium.RenderedDom(output);
        var charts = int.Parse(System.Text.RegularExpressions.Regex.Match(result.Output, @"\((\d+) charts, offline\)").Groups[1].Value);
        Assert.True(charts > 0);
        Assert.Equal(charts, HeadlessChromium.RenderedCharts(dom));
    }
}

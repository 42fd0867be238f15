using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Interactive;

[Collection(KernelCollection.Name)]
public class GoMemLabMagicTests
{
    [Fact]
    public async Task Environment_card_names_dotnet_go_and_host_and_lands_in_a_variable()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!gomemlab --name env");
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("GoMemLab environment", cell.AllHtml);
        Assert.Contains(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, cell.AllHtml);
        var card = kernel.Variable<GoMemLab.Environment.EnvironmentCard>("env");
        // Go is installed here (scripts/prerequisites.sh): the card names the go on PATH and what it says of itself.
        var go = ExternalProcess.Require("go", "install Go 1.19 (apt-get install golang-1.19-go)");
        Assert.True(card.GoAvailable, "the card found no Go although one is on PATH");
        Assert.Equal(Path.GetFullPath(go), Path.GetFullPath(card.GoPath!));
        var version = ExternalProcess.Run(go, ["version"], RepoPaths.Root, TimeSpan.FromSeconds(60)).Output.Trim();
        var goroot = ExternalProcess.Run(go, ["env", "GOROOT"], RepoPaths.Root, TimeSpan.FromSeconds(60)).Output.Trim();
        Assert.StartsWith("go version go", version);
        Assert.Equal(version, card.GoVersion);
        Assert.Equal(goroot, card.GoRoot);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(version), cell.AllHtml);
    }

    [Fact]
    public async Task Help_comes_from_the_declaration()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!gomemlab -h");
        Assert.True(cell.Succeeded, cell.Error);
        Assert.Contains("--name", cell.AllHtml);
        Assert.Contains("Example:", cell.AllHtml);
        Assert.DoesNotContain("GoMemLab environment", cell.AllHtml);
    }

    [Fact]
    public async Task Bad_arguments_fail_with_one_line_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var bad = await kernel.SubmitAsync("#!gomemlab --bogus");
        Assert.Contains("Unrecognized parameter name '--bogus'", bad.Error);
        var badName = await kernel.SubmitAsync("#!gomemlab --name \"1 not an identifier\"");
        Assert.Equal("#!gomemlab: --name '1 not an identifier' is not a valid C# variable name", badName.Error);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

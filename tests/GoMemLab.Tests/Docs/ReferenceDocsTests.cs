using GoMemLab.Cli.Commands;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Docs;

/// <summary>The committed reference pages are exactly what the declarations render today.</summary>
[Collection(KernelCollection.Name)]
public class ReferenceDocsTests
{
    private const string Regenerate = "regenerate with: dotnet run --project src/GoMemLab.Cli -- docs --out docs/reference";

    [Fact]
    public void Cli_reference_matches_the_commands()
    {
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "reference", "cli.md"));
        Assert.True(committed == ReferenceDocs.Cli(CliRoot.Create()), "docs/reference/cli.md is out of date; " + Regenerate);
    }

    [Fact]
    public async Task Magic_reference_matches_the_magics()
    {
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "reference", "magics.md"));
        Assert.True(committed == await ReferenceDocs.MagicsAsync(CancellationToken.None), "docs/reference/magics.md is out of date; " + Regenerate);
    }
}

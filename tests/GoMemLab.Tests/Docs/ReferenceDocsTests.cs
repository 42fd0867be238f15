using GoMemLab.Cli.Commands;
using GoMemLab.Interactive.Magics;
using GoMemLab.ReferenceDocs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Docs;

/// <summary>
/// The committed reference pages (docs/reference) are exactly what the commands and magics render today: one
/// page per leaf command and per magic, no page left over from a removed one. Rendering runs the examples and
/// error cases in-process (kernel, current directory), hence the kernel collection; it is done once for the class.
/// </summary>
[Collection(KernelCollection.Name)]
public class ReferenceDocsTests(ReferenceDocsTests.Rendering rendering) : IClassFixture<ReferenceDocsTests.Rendering>
{
    private const string Regenerate = "regenerate with: bash scripts/reference-docs.sh";

    private static readonly string Folder = Path.Combine(RepoPaths.Root, "docs", "reference");

    public sealed class Rendering : IAsyncLifetime
    {
        public IReadOnlyList<ReferencePage> Pages { get; private set; } = [];

        public async Task InitializeAsync() => Pages = await ReferencePages.RenderAsync(CliRoot.Create(), RepoPaths.Root,
            CancellationToken.None);

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void Every_generated_page_equals_the_committed_one()
    {
        var outdated = rendering.Pages
            .Where(p => !File.Exists(Committed(p.RelativePath)) || File.ReadAllText(Committed(p.RelativePath)) != p.Markdown)
            .Select(p => p.RelativePath).ToList();
        Assert.True(outdated.Count == 0, $"docs/reference is out of date ({string.Join(", ", outdated)}); {Regenerate}");
    }

    [Fact]
    public void No_committed_page_is_left_without_a_command_or_magic()
    {
        var generated = rendering.Pages.Select(p => p.RelativePath).ToHashSet();
        var stale = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Where(f => !generated.Contains(f)).ToList();
        Assert.True(stale.Count == 0, $"docs/reference has pages nothing generates ({string.Join(", ", stale)}); {Regenerate}");
    }

    [Fact]
    public void Every_leaf_command_and_every_magic_has_a_page()
    {
        var generated = rendering.Pages.Select(p => p.RelativePath).ToHashSet();
        var expected = CommandTree.Leaves(CliRoot.Create()).Select(c => $"cli/{string.Join('-', c.Path)}.md")
            .Concat(MagicCatalog.Names.Select(m => $"magics/{m[2..]}.md"))
            .Append("README.md");
        var missing = expected.Where(p => !generated.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"no page for {string.Join(", ", missing)}");
        Assert.Contains("cli/pprof-top.md", generated);
        Assert.Contains("magics/pprof.md", generated);
    }

    [Fact]
    public void The_index_links_every_page()
    {
        var index = rendering.Pages.Single(p => p.RelativePath == "README.md").Markdown;
        Assert.All(rendering.Pages.Where(p => p.RelativePath != "README.md"), p => Assert.Contains($"]({p.RelativePath})", index));
    }

    [Fact]
    public void A_column_without_a_meaning_stops_the_generation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ColumnMeanings.Of("pprof top", "no_such_column"));
        Assert.Contains("no_such_column", error.Message);
    }

    [Fact]
    public void The_shipped_command_line_has_no_docs_command()
    {
        // The generator is a developer tool (tools/GoMemLab.ReferenceDocs), not something users of gomemlab run.
        Assert.DoesNotContain(CliRoot.Create().Subcommands, c => c.Name == "docs");
        var (exit, stdout, _) = GomemlabCli.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("pprof", stdout);
        Assert.DoesNotMatch(@"(?m)^\s+docs\b", stdout);
    }

    private static string Committed(string relativePath) => Path.Combine(Folder, relativePath);
}

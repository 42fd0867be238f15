using System.CommandLine;
using GoMemLab.Cli.Reference;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab docs --out docs/reference`: writes the reference pages — an index, one page per command and one
/// per magic — from the declarations and from real runs on the bundled artifacts, so the docs cannot drift
/// from the code (a test compares the committed pages with a fresh rendering). Runs inside a checkout: the
/// examples need data/artifacts and notebooks/.
/// </summary>
public static class DocsCommand
{
    public static Command Create(Func<RootCommand> root)
    {
        var output = new Option<string>("--out") { Description = "Folder for README.md, cli/*.md and magics/*.md (created if missing).", DefaultValueFactory = _ => "docs/reference" };
        var command = new Command("docs", "Write the reference pages (Markdown): an index, one page per command and per magic, with real example output and errors.") { output };
        command.SetAction((parse, cancellation) => CliRun.GuardAsync(async () =>
        {
            var folder = parse.GetValue(output)!;
            if (File.Exists(folder)) throw new ArgumentException($"--out {folder} is a file; give a folder");
            var here = Directory.GetCurrentDirectory();
            var repository = ReferencePages.FindRepository(here)
                ?? throw new ArgumentException($"run gomemlab docs inside a GoMemLab checkout: no folder with GoMemLab.sln and data/artifacts above {here}");
            var pages = await ReferencePages.RenderAsync(root(), repository, cancellation);
            var (written, removed) = ReferencePageWriter.Write(folder, pages);
            Console.WriteLine($"wrote {written} pages to {folder}" + (removed.Count > 0 ? $"; removed {string.Join(", ", removed)}" : ""));
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using GoMemLab.Cli.Notebooks;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab docs --out docs/reference`: writes the reference pages from the declarations themselves —
/// every CLI command's --help and every magic's -h — so the docs cannot drift from the code
/// (a test compares the committed pages with a fresh rendering).
/// </summary>
public static class DocsCommand
{
    public static Command Create(Func<RootCommand> root)
    {
        var output = new Option<string>("--out") { Description = "Folder for cli.md and magics.md.", DefaultValueFactory = _ => "docs/reference" };
        var command = new Command("docs", "Write the CLI and magic reference pages (Markdown) from the commands' own help.") { output };
        command.SetAction((parse, cancellation) => CliRun.GuardAsync(async () =>
        {
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "cli.md"), ReferenceDocs.Cli(root()));
            File.WriteAllText(Path.Combine(folder, "magics.md"), await ReferenceDocs.MagicsAsync(cancellation));
            Console.WriteLine($"wrote {Path.Combine(folder, "cli.md")} and {Path.Combine(folder, "magics.md")}");
            return 0;
        }));
        return command;
    }
}

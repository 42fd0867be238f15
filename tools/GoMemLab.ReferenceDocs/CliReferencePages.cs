using System.CommandLine;
using System.Text.RegularExpressions;
using GoMemLab.Tables;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// One page per leaf command, docs/reference/cli/&lt;path-joined-by-dash&gt;.md: the description, the --help, an example
/// run on the bundled artifacts with its real output, the output columns from the real CSV header, and the real
/// error messages and exit codes. Everything shown was printed by the command while the page was generated.
/// </summary>
public sealed partial class CliReferencePages(RootCommand root, string repositoryRoot, string scratchFolder)
{
    /// <summary>Output lines an example shows; the rest is counted.</summary>
    public const int ExampleLines = 15;

    private readonly CliArguments _arguments = new(scratchFolder);
    private readonly StableText _stable = new(repositoryRoot, repositoryRoot, scratchFolder);

    /// <summary>
    /// Renders every command's page. The commands run from the repository root with the paths as the pages write
    /// them (relative), as a reader would type them: output that echoes a path, and the width of its table column,
    /// is then the same in every checkout.
    /// </summary>
    public async Task<List<ReferencePage>> RenderAsync(CancellationToken cancellation)
    {
        var examples = CliExamples.All.ToDictionary(e => e.Command);
        var pages = new List<ReferencePage>();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(repositoryRoot);
        try
        {
            foreach (var (path, command) in CommandTree.Leaves(root))
            {
                var name = string.Join(' ', path);
                var example = examples.GetValueOrDefault(name)
                    ?? throw new InvalidOperationException(
                        $"`gomemlab {name}` has no entry in {nameof(CliExamples)}: add its example and error cases");
                pages.Add(new ReferencePage($"cli/{CommandTree.PageName(path)}.md", $"gomemlab {name}", command.Description ?? "",
                    await RenderAsync(path, command, example, cancellation)));
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
        return pages;
    }

    private async Task<string> RenderAsync(string[] path, Command command, CliExample example, CancellationToken cancellation)
    {
        var name = string.Join(' ', path);
        var page = new MarkdownPage($"gomemlab {name}")
            .Paragraph(command.Description ?? "")
            .Paragraph("[All commands and magics](../README.md)")
            .Heading(2, "Usage")
            .Code("text", await CommandTree.HelpAsync(root, path, cancellation));
        var headers = await ExampleAsync(page, example, PrintsTables(command), cancellation);
        Columns(page, name, command, example, headers);
        await ErrorsAsync(page, example, cancellation);
        return page.ToString();
    }

    /// <summary>
    /// Writes the Example section; when the command prints tables, returns the CSV header of the same run with
    /// --format csv, and the header line of the table it printed.
    /// </summary>
    private async Task<(string Csv, string Table)?> ExampleAsync(MarkdownPage page, CliExample example, bool printsTables,
        CancellationToken cancellation)
    {
        page.Heading(2, "Example");
        if (example.NotRunBecause is { } notRun)
        {
            page.Code("console", "$ " + CliArguments.Display(notRun.Arguments)).Paragraph($"Not run by the generator: {notRun.Reason}.");
            return null;
        }
        var shown = example.Run!;
        var outcome = await RunAsync(shown, cancellation);
        if (outcome.ExitCode != 0)
            throw new InvalidOperationException($"the example `{CliArguments.Display(shown)}` failed (exit "
                + $"{outcome.ExitCode}):\n{outcome.Stderr}");
        var stabilise = example.Stabilise ?? (text => text);
        var scratch = shown.Any(a => a.StartsWith(StableText.ScratchName + "/", StringComparison.Ordinal))
            ? $"; `{StableText.ScratchName}/` is a scratch folder" : "";
        page.Paragraph($"Run on the bundled artifacts while this page was generated (paths relative to the repository root{scratch}):")
            .Code("console", "$ " + CliArguments.Display(shown) + "\n" + FirstLines(stabilise(outcome.Stdout)));
        if (outcome.Stderr.Length > 0) page.Paragraph("On stderr:").Code("text", stabilise(outcome.Stderr));
        if (example.StabilisedWhat is { } what) page.Paragraph(what);
        page.Paragraph($"Exit code {outcome.ExitCode}.");
        if (!printsTables) return null;
        var csv = await RunAsync([.. WithoutFormat(shown), "--format", "csv"], cancellation);
        if (csv.ExitCode != 0) throw new InvalidOperationException($"the example failed with --format csv:\n{csv.Stderr}");
        // A command whose --format serves one mode only (run: --list-params) prints no table in the example's mode.
        if (csv.Stdout.Length == 0) return null;
        return (csv.Stdout.Split('\n')[0], outcome.Stdout.Split('\n')[0]);
    }

    private void Columns(MarkdownPage page, string name, Command command, CliExample example, (string Csv, string Table)? headers)
    {
        page.Heading(2, "Output columns");
        string source;
        string? csvHeader = headers?.Csv;
        if (csvHeader is not null)
            source = $"From the CSV header of the example (`--format csv`):";
        else if (example.ColumnsWithoutRun is { } table)
        {
            var writer = new StringWriter { NewLine = "\n" };
            TableWriter.Write(table.Table(), TableFormat.Csv, writer);
            csvHeader = writer.ToString().Split('\n')[0];
            source = $"From the CSV header of {table.Source}:";
        }
        else
        {
            page.Paragraph(PrintsTables(command)
                ? "The example prints no table."
                : "This command prints no table: it writes files and reports them in one line.");
            return;
        }
        var csvColumns = csvHeader.Split(',');
        // The aligned table may add columns for reading that the CSV/JSON contract leaves out (pprof top's partial_inline).
        var tableOnly = headers?.Table.Split(' ', StringSplitOptions.RemoveEmptyEntries).Except(csvColumns).ToList() ?? [];
        page.Paragraph(source).Code("text", csvHeader)
            .Table(["column", "meaning"], csvColumns.Select(c => new[] { $"`{c}`", ColumnMeanings.Of(name, c) })
                .Concat(tableOnly.Select(c => new[] { $"`{c}`", ColumnMeanings.Of(name, c) + " Table format only." })));
    }

    private async Task ErrorsAsync(MarkdownPage page, CliExample example, CancellationToken cancellation)
    {
        page.Heading(2, "Errors")
            .Paragraph("Each case below was run while this page was generated. Errors the command finds end with one `gomemlab:` line "
                + "on stderr and exit code 2; when the command line itself does not parse, the parser prints its message on stderr "
                + "and the usage on stdout, and also exits 2.");
        foreach (var error in example.Errors)
        {
            var outcome = await RunAsync(error.Arguments, cancellation);
            if (outcome.ExitCode == 0)
                throw new InvalidOperationException($"the error case `{CliArguments.Display(error.Arguments)}` succeeded");
            page.Heading(3, error.Title).Code("console",
                "$ " + CliArguments.Display(error.Arguments) + "\n" + outcome.Stderr.TrimEnd('\n'));
            var stdout = outcome.Stdout.StartsWith("Description:", StringComparison.Ordinal) ? " and the usage on stdout"
                : outcome.Stdout.Length > 0
                ? throw new InvalidOperationException($"`{CliArguments.Display(error.Arguments)}` printed a table before "
                + $"failing:\n{outcome.Stdout}") : "";
            page.Paragraph($"Printed on stderr{stdout}; exit code {outcome.ExitCode}.");
        }
    }

    private async Task<CliOutcome> RunAsync(IEnumerable<string> shown, CancellationToken cancellation)
    {
        var outcome = await InProcessCli.RunAsync(root, _arguments.Resolve(shown), cancellation);
        return outcome with { Stdout = _stable.Apply(outcome.Stdout), Stderr = WithoutProgress(_stable.Apply(outcome.Stderr)) };
    }

    /// <summary>Table commands are the ones with --format (<see cref="GoMemLab.Cli.Commands.CommonOptions.Format"/>).</summary>
    private static bool PrintsTables(Command command) => command.Options.Any(o => o.Name == "--format");

    private static IEnumerable<string> WithoutFormat(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
            if (arguments[i] == "--format") i++;
            else yield return arguments[i];
    }

    private static string FirstLines(string text)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return lines.Length <= ExampleLines ? string.Join('\n', lines)
            : string.Join('\n', lines.Take(ExampleLines)) + $"\n… ({lines.Length - ExampleLines} more lines)";
    }

    /// <summary>
    /// Loading progress is printed only when stderr is a terminal (`pprof top`, `pprof info`): drop it, so the pages
    /// are the same whether the generator runs in a terminal or not.
    /// </summary>
    private static string WithoutProgress(string stderr) => ProgressLine().Replace(stderr, "");

    [GeneratedRegex(@"^gomemlab: (decompressing|decoding|indexing|parsing text|downloading)\b.*\n", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}

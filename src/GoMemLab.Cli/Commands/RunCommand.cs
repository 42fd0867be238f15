using System.CommandLine;
using GoMemLab.Cli.Notebooks;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab run NOTEBOOK.ipynb [--out DIR] [--param name=value]…`: executes a notebook headless and
/// writes DIR/NAME.ipynb (with outputs) and DIR/NAME.html (self-contained, offline).
/// Exit code 0 when every cell ran, 1 when a cell failed (named on stderr), 2 for bad arguments.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var notebookArgument = new Argument<string>("notebook") { Description = "The .ipynb notebook to execute." };
        var outOption = new Option<string>("--out") { Description = "Folder for NAME.ipynb and NAME.html (created if missing).", DefaultValueFactory = _ => "out" };
        var paramOption = new Option<string[]>("--param") { Description = "name=value, injected after the cell tagged `parameters` (papermill convention). Repeatable.", AllowMultipleArgumentsPerToken = false };
        var timeoutOption = new Option<int>("--cell-timeout") { Description = "Seconds a single cell may run before the run fails.", DefaultValueFactory = _ => 600 };
        var command = new Command("run", "Execute every cell of a notebook in an in-process kernel with GoMemLab loaded; write the executed .ipynb and an offline .html.")
        {
            notebookArgument, outOption, paramOption, timeoutOption,
        };
        command.SetAction((parse, cancellation) => CliRun.GuardAsync(async () =>
        {
            var path = parse.GetValue(notebookArgument)!;
            var outDir = parse.GetValue(outOption)!;
            var parameters = NotebookParameters.Parse(parse.GetValue(paramOption) ?? []);
            var notebook = JupyterNotebook.Load(path);
            var codeCells = notebook.Cells.Count(c => c.IsCode) + (parameters.Count > 0 ? 1 : 0);
            Console.Error.WriteLine($"gomemlab run: {path} ({codeCells} code cells)");
            var run = await NotebookRunner.RunAsync(notebook, parameters,
                cell => Console.Error.WriteLine(
                    $"  [cell {cell.Number}] {(cell.Skipped ? "skipped (GoMemLab is loaded in-process)" : cell.Error is null ? "ok" : "FAILED")} {cell.Elapsed.TotalSeconds,5:0.0}s  {cell.Summary}"),
                TimeSpan.FromSeconds(parse.GetValue(timeoutOption)), cancellation);

            Directory.CreateDirectory(outDir);
            var name = Path.GetFileNameWithoutExtension(path);
            var ipynb = Path.Combine(outDir, name + ".ipynb");
            var html = Path.Combine(outDir, name + ".html");
            if (Path.GetFullPath(ipynb) == Path.GetFullPath(path))
                throw new ArgumentException($"--out {outDir} would overwrite the input notebook; choose another folder");
            notebook.Save(ipynb);
            File.WriteAllText(html, NotebookHtmlExporter.ToHtml(notebook, name));
            Console.Error.WriteLine($"  wrote {ipynb} and {html}");
            if (run.Failure is { } failure)
            {
                Console.Error.WriteLine($"gomemlab run: cell {failure.Number} failed: {failure.Error}");
                return 1;
            }
            return 0;
        }));
        return command;
    }
}

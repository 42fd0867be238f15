using System.CommandLine;
using System.Globalization;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Cli.Terminal;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab run NOTEBOOK.ipynb [--out DIR] [--param name=value]…`: executes a notebook headless and
/// writes DIR/NAME.ipynb (with outputs) and DIR/NAME.html (self-contained, offline); `--list-params` prints the
/// parameters it takes instead. Exit code 0 when every cell ran, 1 when a cell failed (named on stderr), 2 for bad
/// arguments (a parameter the notebook does not declare, a value not of its type), checked before any cell runs.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var notebookArgument = new Argument<string>("notebook") { Description = "The .ipynb notebook to execute." };
        var outOption = new Option<string>("--out")
        {
            Description = "Folder for NAME.ipynb and NAME.html (created if missing).",
            DefaultValueFactory = _ => "out",
        };
        var paramOption = new Option<string[]>("--param")
        {
            Description = "name=value, injected after the cell tagged `parameters` (papermill convention), typed by the parameter's "
                + "declaration: "
                + "string, number, bool, or string array (repeat --param name=… or give a JSON array). A relative path is taken from the "
                + "current folder. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var listOption = new Option<bool>("--list-params")
        {
            Description = "Print the notebook's parameters (name, type, default, description) and run nothing.",
        };
        var formatOption = CommonOptions.Format();
        var timeoutOption = new Option<int>("--cell-timeout")
        {
            Description = "Seconds a single cell may run before the run fails.",
            DefaultValueFactory = _ => 600,
        };
        var command = new Command("run",
            "Execute every cell of a notebook in an in-process kernel with GoMemLab loaded; write the executed .ipynb and an offline "
                + ".html.")
        {
            notebookArgument, outOption, paramOption, timeoutOption, listOption, formatOption,
        };
        command.SetAction((parse, cancellation) => CliRun.GuardAsync(async () =>
        {
            var path = parse.GetValue(notebookArgument)!;
            var outDir = parse.GetValue(outOption)!;
            var parameters = NotebookParameters.Parse(parse.GetValue(paramOption) ?? []);
            var notebook = JupyterNotebook.Load(path);
            if (parse.GetValue(listOption))
                return CommonOptions.Print(NotebookParameterTable.ToDataFrame(NotebookParameterReader.Read(notebook)),
                    parse.GetValue(formatOption));
            var name = Path.GetFileNameWithoutExtension(path);
            var ipynb = Path.Combine(outDir, name + ".ipynb");
            var html = Path.Combine(outDir, name + ".html");
            // Checked before running: a run can take minutes, and its result could not be written anyway.
            if (Path.GetFullPath(ipynb) == Path.GetFullPath(path))
                throw new ArgumentException($"--out {outDir} would overwrite the input notebook; choose another folder");
            if (parameters.Count > 0)
            {
                // Relative paths are the user's, from the folder they run gomemlab in; the cells run in the notebook's folder.
                parameters = NotebookParameters.FromCallerFolder(parameters, NotebookParameterReader.Read(notebook),
                    Directory.GetCurrentDirectory(), Path.GetDirectoryName(Path.GetFullPath(path))!);
                NotebookRunner.InjectParameters(notebook, parameters);
            }
            var codeCells = notebook.Cells.Count(c => c.IsCode);
            Console.Error.WriteLine($"gomemlab run: {path} ({codeCells} code cells)");
            // One line per finished cell everywhere; on a terminal also a bar with the running cell's time.
            var progress = ProgressDisplay.OnStderr("gomemlab run");
            var done = 0;
            var cellClock = System.Diagnostics.Stopwatch.StartNew();
            progress.KeepRedrawing(() => progress.Report("running", (double)done / Math.Max(1, codeCells),
                $"{done} of {codeCells} code cells done, the next running for "
                    + $"{cellClock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}s"));
            NotebookRun run;
            try
            {
                run = await NotebookRunner.RunAsync(notebook, [],
                    cell =>
                    {
                        progress.Message(
                            $"  [cell {cell.Number}] "
                                + $"{(cell.Skipped ? "skipped (GoMemLab is loaded in-process)" : cell.Error is null ? "ok" : "FAILED")} "
                                    + $"{cell.Elapsed.TotalSeconds,5:0.0}s  {cell.Summary}");
                        done++;
                        cellClock.Restart();
                    },
                    TimeSpan.FromSeconds(parse.GetValue(timeoutOption)), cancellation);
            }
            finally
            {
                progress.Complete();
            }

            Directory.CreateDirectory(outDir);
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

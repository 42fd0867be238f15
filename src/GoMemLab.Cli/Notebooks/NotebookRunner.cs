using System.Diagnostics;
using System.Text.RegularExpressions;
using GoMemLab.Interactive.Formatting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace GoMemLab.Cli.Notebooks;

/// <summary>What happened to one cell during a run.</summary>
public sealed record CellRun(int Number, string Summary, TimeSpan Elapsed, string? Error, bool Skipped);

/// <summary>The outcome of running a whole notebook.</summary>
public sealed record NotebookRun(JupyterNotebook Notebook, IReadOnlyList<CellRun> Cells)
{
    public CellRun? Failure => Cells.FirstOrDefault(c => c.Error is not null);
}

/// <summary>
/// Executes every code cell of a notebook, top to bottom, in a fresh in-process kernel with GoMemLab
/// loaded, with the notebook's folder as the current directory (as Jupyter does). Stops at the first
/// failing cell, like papermill; the cells run so far keep their outputs.
/// </summary>
public static partial class NotebookRunner
{
    public static async Task<NotebookRun> RunAsync(
        JupyterNotebook notebook,
        IReadOnlyList<(string Name, string Value)> parameters,
        Action<CellRun> onCell,
        TimeSpan cellTimeout,
        CancellationToken cancellation)
    {
        if (parameters.Count > 0) InjectParameters(notebook, parameters);
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        var previousDirectory = Directory.GetCurrentDirectory();
        var previousHost = System.Environment.GetEnvironmentVariable(Interactive.Hosting.NotebookHost.EnvironmentVariable);
        System.Environment.SetEnvironmentVariable(Interactive.Hosting.NotebookHost.EnvironmentVariable, "gomemlab run (in-process kernel)");
        NotebookPlotly.Reset();
        var runs = new List<CellRun>();
        try
        {
            Directory.SetCurrentDirectory(folder);
            using var kernel = NotebookKernel.Create();
            int executionCount = 0;
            foreach (var cell in notebook.Cells.Where(c => c.IsCode).ToList())
            {
                var run = await RunCellAsync(kernel, notebook, cell, ++executionCount, cellTimeout, cancellation);
                runs.Add(run);
                onCell(run);
                if (run.Error is not null) break;
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            System.Environment.SetEnvironmentVariable(Interactive.Hosting.NotebookHost.EnvironmentVariable, previousHost);
        }
        return new NotebookRun(notebook, runs);
    }

    private static async Task<CellRun> RunCellAsync(Kernel kernel, JupyterNotebook notebook, NotebookCell cell, int executionCount,
        TimeSpan timeout, CancellationToken cancellation)
    {
        var number = cell.Index + 1;
        var source = WithoutPackageLoading(cell.Source);
        var summary = Summarize(cell.Source);
        if (source.Split('\n').All(line => string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal)))
        {
            cell.SetOutputs([], executionCount);
            return new CellRun(number, summary, TimeSpan.Zero, null, Skipped: true);
        }
        var language = cell.Language ?? notebook.DefaultLanguage;
        var clock = Stopwatch.StartNew();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeoutSource.CancelAfter(timeout);
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(new SubmitCode(source, language), timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            var message = $"timed out after {timeout.TotalSeconds:0} s";
            cell.SetOutputs([new System.Text.Json.Nodes.JsonObject { ["output_type"] = "error", ["ename"] = "Timeout", ["evalue"] = message,
                ["traceback"] = new System.Text.Json.Nodes.JsonArray() }], executionCount);
            return new CellRun(number, summary, clock.Elapsed, message, Skipped: false);
        }
        var (outputs, error) = CellOutputs.From(result.Events, executionCount);
        cell.SetOutputs(outputs, executionCount);
        return new CellRun(number, summary, clock.Elapsed, error, Skipped: false);
    }

    /// <summary>
    /// Adds the cell that sets <paramref name="parameters"/> after the cell tagged `parameters` (see
    /// <see cref="NotebookParameters.InjectedCell"/>); <see cref="RunAsync"/> does it for the parameters it is given.
    /// </summary>
    /// <exception cref="ArgumentException">a parameter the notebook does not declare, or a value not of its type.</exception>
    public static void InjectParameters(JupyterNotebook notebook, IReadOnlyList<(string Name, string Value)> parameters)
    {
        // Papermill: right after the cell tagged `parameters`.
        var tagged = notebook.Cells.FirstOrDefault(c => c.Tags.Contains(NotebookParameters.ParametersTag));
        var code = NotebookParameters.InjectedCell(Path.GetFileName(notebook.Path), NotebookParameterReader.Read(notebook), parameters);
        notebook.InsertCodeCellAfter(tagged?.Index ?? -1, code, NotebookParameters.InjectedTag);
    }

    /// <summary>
    /// Removes the lines that load GoMemLab from a package feed (`#i "nuget:…"`, `#r "nuget:GoMemLab…"`):
    /// the in-process kernel already has it, and restoring would need a packed feed.
    /// </summary>
    public static string WithoutPackageLoading(string source) =>
        string.Join('\n', source.Split('\n').Where(line => !PackageLoadingLine().IsMatch(line)));

    private static string Summarize(string source)
    {
        var first = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//")) ?? "";
        return first.Length > 70 ? first[..67] + "..." : first;
    }

    [GeneratedRegex(@"^\s*#(i\s+""nuget:|r\s+""nuget:\s*GoMemLab)", RegexOptions.IgnoreCase)]
    private static partial Regex PackageLoadingLine();
}

using System.Text.RegularExpressions;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// Runs a <see cref="HostNotebook"/> in the real hosts users have: Jupyter (nbconvert with the `.net-csharp` kernel) and
/// dotnet-repl. A cell that runs longer than the cell timeout fails the run with that cell named — a hang must not eat
/// the CI budget silently (notebook 03 once hung forever in Jupyter only).
/// </summary>
public static partial class NotebookHosts
{
    /// <summary>The whole run's limit, above any cell's: a backstop in case a host stops reporting cells.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(20);

    /// <summary>`jupyter nbconvert --execute`; its own per-cell timeout stops a hung cell, and its message shows the cell's first
    /// lines.</summary>
    public static ExternalProcess.Result Jupyter(HostNotebook notebook, TimeSpan cellTimeout, string workingDirectory)
    {
        var nbconvert = ExternalProcess.Require("jupyter-nbconvert", "apt-get install jupyter-nbconvert python3-ipykernel");
        ExternalProcess.Require("dotnet-interactive",
            "dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001 && dotnet interactive jupyter install");
        var path = (System.Environment.GetEnvironmentVariable("PATH") ?? "") + ":" +
                   Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        var result = ExternalProcess.Run(nbconvert,
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp",
             $"--ExecutePreprocessor.timeout={(int)cellTimeout.TotalSeconds}", "--output", notebook.OutputPath, notebook.InputPath],
            workingDirectory, RunLimit, new Dictionary<string, string> { ["PATH"] = path });
        if (result.ExitCode != 0 && NbconvertTimeout().Match(result.Output) is { Success: true } timedOut)
            Assert.Fail($"{notebook.NameCell(timedOut.Groups["preview"].Value)} did not finish within {cellTimeout.TotalSeconds:0} s in "
                + $"Jupyter");
        return result;
    }

    /// <summary>
    /// `dotnet-repl --run` (the version pinned in .config/dotnet-tools.json). It has no cell timeout, so its log is
    /// watched: each root SubmitCode it starts and ends is logged with the cell's first line.
    /// </summary>
    public static ExternalProcess.Result DotnetRepl(HostNotebook notebook, TimeSpan cellTimeout, string workingDirectory)
    {
        using var logs = new TempDirectory();
        var running = new RunningCell(logs.Path);
        string? hang = null;
        try
        {
            return ExternalProcess.Run("dotnet",
                ["dotnet-repl", "--run", notebook.InputPath, "--exit-after-run", "--output-path", notebook.OutputPath, "--log-path",
                    logs.Path],
                workingDirectory, RunLimit, hung: () => running.For() > cellTimeout
                    ? hang = $"{notebook.NameCell(running.Preview!)} did not finish within {cellTimeout.TotalSeconds:0} s in dotnet-repl"
                    : null);
        }
        catch (TimeoutException) when (hang is not null)
        {
            Assert.Fail(hang);
            throw;
        }
    }

    /// <summary>The root SubmitCode dotnet-repl's log shows as started and not yet succeeded or failed.</summary>
    private sealed class RunningCell(string logFolder)
    {
        private readonly HashSet<string> _ended = [];
        private long _offset;
        private string? _token;
        private DateTime _since;

        public string? Preview { get; private set; }

        /// <summary>How long the cell now running has been running (zero between cells).</summary>
        public TimeSpan For()
        {
            var log = Directory.Exists(logFolder) ? Directory.GetFiles(logFolder,
                "*.log").Order(StringComparer.Ordinal).LastOrDefault() : null;
            if (log is null) return TimeSpan.Zero;
            byte[] bytes;
            using (var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                stream.Seek(_offset, SeekOrigin.Begin);
                using var rest = new MemoryStream();
                stream.CopyTo(rest);
                bytes = rest.ToArray();
            }
            // Whole lines only: the host may be writing the last one (and a UTF-8 character) right now.
            var end = Array.LastIndexOf(bytes, (byte)'\n');
            _offset += end + 1;
            foreach (var line in System.Text.Encoding.UTF8.GetString(bytes, 0, end + 1).Split('\n'))
            {
                if (ReplStarted().Match(line) is { Success: true } started)
                {
                    if (started.Groups["token"].Value != _token)
                        (_token, _since, Preview) = (started.Groups["token"].Value, DateTime.UtcNow, started.Groups["preview"].Value);
                }
                else if (ReplEnded().Match(line) is { Success: true } ended) _ended.Add(ended.Groups["token"].Value);
            }
            return _token is null || _ended.Contains(_token) ? TimeSpan.Zero : DateTime.UtcNow - _since;
        }
    }

    // nbconvert: "CellTimeoutError: A cell timed out …\nHere is a preview of the cell
    // contents:\n-------------------\n…\n-------------------"
    [GeneratedRegex(@"timed out.*?preview of the cell contents:\s*-+\s*\n(?<preview>.*?)\n-+", RegexOptions.Singleline)]
    private static partial Regex NbconvertTimeout();

    // dotnet-repl 0.3.259's log: "[KernelInvocationContext] [KernelInvocationContext]  ▶  +[ ⁞Ϲ⁞ SubmitCode FIRST LINE ... (Token: T, …"
    // for a cell (sub-commands have tokens "T.n"), and "CommandSucceeded  (Command: SubmitCode, CommandToken: T)" at its end.
    [GeneratedRegex(@"\[KernelInvocationContext\] \[KernelInvocationContext\]\s+\S+\s+\+\[ \S+ SubmitCode (?<preview>.*?) "
        + @"\(Token: (?<token>[^,.]+),")]
    private static partial Regex ReplStarted();

    [GeneratedRegex(@"Command(Succeeded|Failed)\s+\(Command: SubmitCode, CommandToken: (?<token>[^).]+)\)")]
    private static partial Regex ReplEnded();
}

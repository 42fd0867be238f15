using System.Diagnostics;
using System.Text;

namespace GoMemLab.Live;

/// <summary>How a child process ended.</summary>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed, bool Cancelled)
{
    /// <summary>Everything it printed: stdout, then stderr (where Go's tools put their messages).</summary>
    public string Output => StandardOutput + StandardError;
}

/// <summary>
/// Runs a program (the Go toolchain or a Go binary) the safe way: arguments are passed as a list,
/// never through a shell (so spaces, quotes, `;` and `$(…)` in names are just characters), output is
/// streamed line by line to the caller, and cancelling — or the kernel shutting down — kills the whole
/// process tree and reaps it, so no zombie or orphan is left behind.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="program"/> and waits for it. <paramref name="onLine"/> receives every output
    /// line as it arrives (isError is true for stderr). Cancellation kills the tree and returns with
    /// <see cref="ChildProcessResult.Cancelled"/> set rather than throwing, so callers can keep what was captured.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string, bool>? onLine = null,
        CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Collect(e.Data, stdout, isError: false);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, stderr, isError: true);
        var clock = Stopwatch.StartNew();
        _ = SignalRegistrations; // the shutdown handlers must exist before the first child does
        // Started and registered as one step: a signal that arrives in between (the child may already be running its
        // own children) waits for the registration, then kills it. Without the gate a Ctrl+C right after the start
        // found nothing to kill, and the child outlived the host (seen on a loaded machine).
        lock (StartGate)
        {
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new FileNotFoundException($"cannot start {program}: {e.Message}", program, e);
            }
            Running.TryAdd(process, 0);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var cancelled = false;
        using (cancellation.Register(() => KillTree(process)))
        {
            try
            {
                await process.WaitForExitAsync(CancellationToken.None);
            }
            finally
            {
                cancelled = cancellation.IsCancellationRequested;
            }
        }
        process.WaitForExit(); // drains the asynchronous output readers
        Running.TryRemove(process, out _);
        lock (stdout) lock (stderr)
            return new ChildProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed, cancelled);

        void Collect(string? line, StringBuilder into, bool isError)
        {
            if (line is null) return;
            lock (into) into.Append(line).Append('\n');
            onLine?.Invoke(line, isError);
        }
    }

    // Children still running when this process ends (kernel shutdown, SIGTERM, SIGHUP, Ctrl+C) are killed
    // with their trees: the OS would otherwise leave them running, reparented to init. .NET does not raise
    // ProcessExit for a SIGTERM (checked: the process just ends), hence the signal registrations, which kill
    // the children and then let the signal's default action proceed. A SIGKILL cannot be intercepted.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Process, byte> Running = new();

    private static readonly IReadOnlyList<System.Runtime.InteropServices.PosixSignalRegistration> SignalRegistrations =
        RegisterShutdownHandlers();

    private static IReadOnlyList<System.Runtime.InteropServices.PosixSignalRegistration> RegisterShutdownHandlers()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillRunning();
        if (OperatingSystem.IsWindows()) return [];
        return [.. new[] { System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGHUP,
                System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGQUIT }
            .Select(signal => System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, _ => KillRunning()))];
    }

    private static readonly Lock StartGate = new();

    private static void KillRunning()
    {
        lock (StartGate)
            foreach (var process in Running.Keys) KillTree(process);
    }

    /// <summary>Kills a process and everything it started; ignores a process that already exited.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}

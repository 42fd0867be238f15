using System.Diagnostics;
using GoMemLab.Live;

namespace GoMemLab.Environment;

/// <summary>Finds the Go toolchain on PATH and asks it about itself, without a shell.</summary>
public static class GoToolchain
{
    /// <summary>Full path of the `go` executable on PATH, or null when Go is not installed.</summary>
    public static string? FindGo()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { "go.exe" } : new[] { "go" };
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>
    /// Runs <c>go ARGS…</c> with the Go on PATH (no shell) and returns its trimmed stdout, or null when Go is not
    /// installed, the command fails, or it takes longer than a minute. For the questions a notebook asks Go about
    /// itself: <c>Query("env", "GOROOT")</c>, <c>Query("doc", "runtime/metrics")</c>.
    /// </summary>
    public static string? Query(params string[] args) => FindGo() is { } go ? Query(go, TimeSpan.FromMinutes(1), args) : null;

    /// <summary>
    /// Runs <c>go ARGS…</c> with the Go on PATH (no shell, <see cref="ChildProcess"/>) and returns how it ended, stdout and
    /// stderr included — also when it fails, since a failing command's message is often the point (<c>go tool compile
    /// -d=ssa/gcrootdump</c>). <paramref name="environment"/> adds to the inherited environment (<c>GOPROXY=off</c> for
    /// a machine without a module proxy). Null when Go is not installed. Cancelling kills it.
    /// </summary>
    public static async Task<ChildProcessResult?> RunAsync(IReadOnlyList<string> args, string? workingDirectory = null,
        CancellationToken cancel = default, IReadOnlyDictionary<string, string>? environment = null) =>
        FindGo() is { } go ? await ChildProcess.RunAsync(go, args, workingDirectory, environment, cancellation: cancel) : null;

    /// <summary>Runs `go ARGS…` (no shell) and returns trimmed stdout, or null when Go is missing, fails, or takes longer than the
    /// timeout.</summary>
    public static string? Query(string go, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(go) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? stdout.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

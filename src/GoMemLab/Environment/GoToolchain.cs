using System.Diagnostics;

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

    /// <summary>Runs `go ARGS…` (no shell) and returns trimmed stdout, or null when Go is missing, fails, or takes longer than the timeout.</summary>
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

using System.Diagnostics;

namespace GoMemLab.Tests.Support;

/// <summary>Runs the real `gomemlab` (built next to the tests) as a process, so exit codes and output are what a user or CI sees.</summary>
public static class GomemlabCli
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gomemlab.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}

using System.Diagnostics;

namespace GoMemLab.Tests.Support;

/// <summary>Runs the built `gomemlab` command line as a user would: a separate process, exit code, stdout, stderr.</summary>
public static class GomemlabCli
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gomemlab.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        // Read stderr concurrently so neither pipe can fill up and block the child.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}

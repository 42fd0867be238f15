using System.Diagnostics;

namespace GoMemLab.Tests.Support;

/// <summary>Runs the built `gomemlab` command line as a user would: a separate process, exit code, stdout, stderr.</summary>
public static class GomemlabCli
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] arguments) => Run(new Dictionary<string, string>(),
        arguments);

    /// <summary>Runs with <paramref name="environment"/> added to this process's environment (e.g. GOMEMLAB_MAX_INPUT_BYTES).</summary>
    public static (int Exit, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gomemlab.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // Progress lines appear when a load takes over a second, i.e. on a loaded machine: tests that read stderr must
        // not depend on the machine's speed. Tests of the progress display ask for it (--progress or the variable).
        if (!arguments.Contains("--progress")) info.Environment["GOMEMLAB_PROGRESS"] = "off";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        // Read stderr concurrently so neither pipe can fill up and block the child.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}

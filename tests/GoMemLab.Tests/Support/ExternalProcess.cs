using System.Diagnostics;
using System.Text;

namespace GoMemLab.Tests.Support;

/// <summary>Runs a program (never through a shell) with a timeout, capturing its output; kills the whole tree on timeout.</summary>
public static class ExternalProcess
{
    /// <summary><paramref name="Output"/> is stdout and stderr interleaved as they came; <paramref name="Stdout"/> is stdout
    /// alone.</summary>
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed, string Stdout = "");

    /// <summary>
    /// Runs <paramref name="program"/> to its end or <paramref name="timeout"/>. <paramref name="hung"/>, when given, is asked every
    /// second whether the program is stuck: a non-null answer kills the tree and is thrown as a <see cref="TimeoutException"/>.
    /// </summary>
    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IDictionary<string, string>? environment = null, Func<string?>? hung = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var output = new StringBuilder();
        var stdout = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) { output.AppendLine(e.Data); stdout.Append(e.Data).Append('\n'); }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            var stuck = hung?.Invoke() ?? (clock.Elapsed > timeout ? $"did not finish within {timeout.TotalSeconds:0} s" : null);
            if (stuck is null) continue;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)}: {stuck}. Output so far:\n{output}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), clock.Elapsed, stdout.ToString());
    }

    /// <summary>Full path of a program on PATH (also ~/.dotnet/tools), or a failure naming how to install it.</summary>
    public static string Require(string program, string howToInstall)
    {
        var dirs = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"{program} is required for this test but is not installed: {howToInstall} (scripts/prerequisites.sh does it)");
        return "";
    }
}

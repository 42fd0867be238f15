using System.Diagnostics;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// Runs the reference tools the telemetry tests compare against (grep, awk, jq, the Go toolchain).
/// A missing tool fails the test with a message saying what to install: never a silent skip.
/// </summary>
internal static class ExternalTools
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>, returns stdout; fails the test on a non-zero
    /// exit.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null, bool allowExitCode1 = false)
    {
        var info = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? System.Environment.CurrentDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish in time");
        }
        process.WaitForExit();
        if (process.ExitCode != 0 && !(allowExitCode1 && process.ExitCode == 1))
            Assert.Fail($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH; fails the test when it is not installed.</summary>
    public static string Require(string tool)
    {
        if (Path.IsPathRooted(tool)) return tool;
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail(tool == "go"
            ? "the Go toolchain (go) is not on PATH; these tests need it to produce real runtime output (apt-get install golang-go)"
            : $"{tool} is not on PATH; install it to run this test");
        return "";
    }

    /// <summary>Builds the Go main package in <paramref name="packageDirectory"/> (module root <paramref name="moduleDirectory"/>) into
    /// <paramref name="output"/>.</summary>
    public static void GoBuild(string moduleDirectory, string package, string output) =>
        Run("go", ["build", "-o", output, package], moduleDirectory, new Dictionary<string, string>
        {
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = "off",
        });
}

using System.Diagnostics;
using System.Text;
using GoMemLab.Environment;
using GoMemLab.Inputs;

namespace GoMemLab.Escape;

/// <summary>
/// Runs the real <c>go build -a -gcflags=FLAGS PACKAGES</c> in a module directory (no shell: the
/// arguments go to the process as a list) and captures what the compiler prints: the <c>-m</c> /
/// <c>-m=2</c> diagnostics or the <c>-S</c> listing, which <c>go build</c> writes to stderr. <c>-a</c>
/// forces a recompile, so the output is complete even when the build is cached (a cached build
/// replays <c>-m</c> text but writes no <c>-json</c> files). Each line is reported as it arrives.
/// </summary>
public static class GoCompilerBuild
{
    /// <summary>What the build printed (stderr then stdout) and its exit code.</summary>
    public sealed record Result(string Directory, IReadOnlyList<string> Arguments, string Output, int ExitCode);

    /// <summary>
    /// Builds <paramref name="packages"/> in <paramref name="directory"/>; <paramref name="onLine"/>
    /// receives each output line (from another thread). Cancelling kills the build.
    /// </summary>
    /// <exception cref="InputFormatException">
    /// The directory is missing, Go is not on PATH, or the build failed (the message quotes the first
    /// error line; <see cref="Result.Output"/> is not returned then).
    /// </exception>
    public static async Task<Result> RunAsync(string directory, string gcflags, IReadOnlyList<string> packages,
        Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(directory)) throw new InputFormatException(directory, "no such directory to build in");
        var go = GoToolchain.FindGo()
            ?? throw new InputFormatException(directory, "cannot build: the Go toolchain (go) is not on PATH; install Go 1.19 or later");
        var arguments = new List<string> { "build", "-a", "-gcflags=" + gcflags };
        arguments.AddRange(packages.Count > 0 ? packages : ["./..."]);
        var start = new ProcessStartInfo(go)
        {
            WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InputFormatException(directory, "could not start go");
        var stderr = new StringBuilder();
        var stdout = new StringBuilder();
        async Task Pump(StreamReader reader, StringBuilder into)
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lock (into) into.Append(line).Append('\n');
                onLine?.Invoke(line);
            }
        }
        try
        {
            await Task.WhenAll(Pump(process.StandardError, stderr), Pump(process.StandardOutput, stdout),
                process.WaitForExitAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = stderr.ToString() + stdout;
        if (process.ExitCode != 0)
        {
            var first = output.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal) && IsError(l))
                ?? output.Split('\n').LastOrDefault(l => l.Length > 0) ?? "";
            throw new InputFormatException(directory, $"go {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {first}");
        }
        return new Result(directory, arguments, output, process.ExitCode);
    }

    // Compiler errors look like diagnostics; the -m ones are recognised by their wording.
    private static bool IsError(string line) =>
        EscapeMessage.Classify(line.Contains(": ") ? line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]
            : line).Kind == EscapeKind.Other
        && !line.StartsWith(' ') && !line.Contains(":   ", StringComparison.Ordinal);
}

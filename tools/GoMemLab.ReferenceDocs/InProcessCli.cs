using System.CommandLine;

namespace GoMemLab.ReferenceDocs;

/// <summary>What one `gomemlab` invocation printed and returned.</summary>
public sealed record CliOutcome(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs `gomemlab` command lines inside this process, as a user would see them: the commands print to the
/// console (captured by <see cref="ConsoleCapture"/>), the parser to the invocation's writers (captured too).
/// In-process keeps generating every page fast: no process start, no JIT per command.
/// </summary>
public static class InProcessCli
{
    public static async Task<CliOutcome> RunAsync(RootCommand root, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        // A load that passes a second on a busy machine would print progress lines onto the page.
        System.Environment.SetEnvironmentVariable("GOMEMLAB_PROGRESS", "off");
        var (exit, stdout, stderr) = await ConsoleCapture.RunAsync((output, error) =>
            root.Parse([.. arguments]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation));
        // A crash is a bug to fix, not an error message to publish.
        if (stderr.Contains("Unhandled exception", StringComparison.Ordinal))
            throw new InvalidOperationException($"gomemlab {string.Join(' ', arguments)} crashed:\n{stderr}");
        return new CliOutcome(exit, stdout, stderr);
    }
}

using System.CommandLine;
using System.Text.RegularExpressions;

namespace GoMemLab.ReferenceDocs;

/// <summary>The visible commands of the `gomemlab` tree and their --help, as the reference pages show them.</summary>
public static partial class CommandTree
{
    /// <summary>Every runnable (leaf) command with its path below the root, depth first in declaration order.</summary>
    public static IEnumerable<(string[] Path, Command Command)> Leaves(RootCommand root) =>
        Walk(root, []).Where(c => c.Path.Length > 0 && !c.Command.Subcommands.Any(s => !s.Hidden));

    /// <summary>The page name of a command: its path joined by '-', e.g. pprof-top.</summary>
    public static string PageName(IEnumerable<string> path) => string.Join('-', path);

    /// <summary>The command's --help exactly as the parser prints it, with the program name spelled `gomemlab`.</summary>
    public static async Task<string> HelpAsync(RootCommand root, IReadOnlyList<string> path, CancellationToken cancellation)
    {
        var outcome = await InProcessCli.RunAsync(root, [.. path, "--help"], cancellation);
        // The root takes the name of the running executable (a test host, `dotnet gomemlab.dll`…).
        return UsageLine().Replace(outcome.Stdout, "Usage:\n  gomemlab ");
    }

    private static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            foreach (var child in Walk(sub, [.. path, sub.Name]))
                yield return child;
    }

    [GeneratedRegex(@"Usage:\n  \S+ ")]
    private static partial Regex UsageLine();
}

namespace GoMemLab.Interactive.Hosting;

/// <summary>Names the program hosting the kernel, for the environment card and error advice.</summary>
public static class NotebookHost
{
    /// <summary>Set by hosts that embed the kernel themselves (e.g. `gomemlab run`) to name themselves.</summary>
    public const string EnvironmentVariable = "GOMEMLAB_HOST";

    public static string Describe()
    {
        var declared = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(declared)) return declared;
        var args = System.Environment.GetCommandLineArgs();
        var commandLine = string.Join(' ', args);
        if (commandLine.Contains("dotnet-repl", StringComparison.OrdinalIgnoreCase)) return "dotnet-repl";
        if (commandLine.Contains("Microsoft.DotNet.Interactive.App", StringComparison.OrdinalIgnoreCase) ||
            commandLine.Contains("dotnet-interactive", StringComparison.OrdinalIgnoreCase))
        {
            if (args.Any(a => a.Equals("jupyter", StringComparison.OrdinalIgnoreCase))) return "Jupyter (dotnet-interactive jupyter)";
            if (args.Any(a => a.Equals("stdio",
                StringComparison.OrdinalIgnoreCase))) return "Polyglot Notebooks (dotnet-interactive stdio)";
            return "dotnet-interactive";
        }
        return $"in-process kernel ({Path.GetFileNameWithoutExtension(System.Environment.ProcessPath ?? "unknown")})";
    }
}

using System.Text.RegularExpressions;

namespace GoMemLab.Reports;

/// <summary>
/// The commands that produce a report's inputs again. For the bundled artifacts (a file under a folder holding
/// <c>MANIFEST.md</c>, i.e. <c>data/artifacts</c>) they are the manifest's own commands, with the build directory
/// and the binary's build line of the same section; for anything else, the generic command for that kind of input.
/// </summary>
public static partial class RegenerationCommands
{
    /// <summary>What an input is, which decides the generic command.</summary>
    public enum InputKind { HeapProfile, EscapeLog, EscapeJson, AssemblyListing, GcTrace, MemStats }

    /// <summary>The commands (one per line, comments with '#') that regenerate <paramref name="path"/>.</summary>
    public static string For(string path, InputKind kind) => FromManifest(path) ?? Generic(path, kind);

    /// <summary>The generic command for an input of <paramref name="kind"/> written to <paramref name="path"/>.</summary>
    public static string Generic(string path, InputKind kind)
    {
        var name = Path.GetFileName(path.TrimEnd('/', '\\'));
        return kind switch
        {
            InputKind.HeapProfile => $"# the program must import _ \"net/http/pprof\" and serve it\ncurl -sSf -o {name} "
                + "http://HOST:PORT/debug/pprof/heap",
            InputKind.EscapeLog => $"# in the module, from the same source as the profiled binary\ngo build -gcflags=-m=2 ./... 2> {name}",
            InputKind.EscapeJson => $"go build -gcflags=-json=0,{name} ./...",
            InputKind.AssemblyListing => $"go build -gcflags=-S ./... 2> {name}",
            InputKind.GcTrace => $"GODEBUG=gctrace=1 ./PROGRAM 2> {name}",
            _ => $"# MemStats JSON from expvar (import _ \"expvar\")\ncurl -sSf http://HOST:PORT/debug/vars > {name}",
        };
    }

    /// <summary>The manifest's commands for <paramref name="path"/>, or null when it is not a manifest artifact.</summary>
    public static string? FromManifest(string path)
    {
        var full = Path.GetFullPath(path.TrimEnd('/', '\\'));
        for (var dir = Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var manifest = Path.Combine(dir, "MANIFEST.md");
            if (!File.Exists(manifest)) continue;
            var relative = Path.GetRelativePath(dir, full).Replace('\\', '/');
            return Find(File.ReadAllLines(manifest), relative);
        }
        return null;
    }

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Braces();

    private static string? Find(string[] lines, string relative)
    {
        string section = "";
        var inCommands = false;
        var binaryBuild = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal)) { inCommands = line.Trim() == "## Commands"; section = ""; continue; }
            if (!inCommands) continue;
            if (line.StartsWith("### ", StringComparison.Ordinal)) { section = line[4..].Trim(); binaryBuild.Clear(); continue; }
            if (!line.StartsWith("- ", StringComparison.Ordinal) || section.Length == 0) continue;
            var commands = new List<string>();
            for (var j = i + 1; j < lines.Length && !lines[j].StartsWith("- ", StringComparison.Ordinal) && !lines[j].StartsWith("#",
                StringComparison.Ordinal); j++)
                if (lines[j].StartsWith("      ", StringComparison.Ordinal)) commands.Add(lines[j].Trim());
            var item = line[2..];
            if (item.StartsWith("the ", StringComparison.Ordinal)) { binaryBuild.AddRange(commands); continue; }
            if (!Names(item).Contains(relative)) continue;
            return string.Join('\n', new[] { $"# {section}" }.Concat(binaryBuild).Concat(commands));
        }
        return null;
    }

    // "heap/leaky-heap-{1,2,3,4}.pb.gz, heap/x.txt (copied from …)" → every name, braces expanded; "escape/leaky-json/" →
    // "escape/leaky-json".
    private static HashSet<string> Names(string item)
    {
        var paren = item.IndexOf(" (", StringComparison.Ordinal);
        if (paren >= 0) item = item[..paren];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in item.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = Braces().Match(part);
            var expanded = m.Success ? m.Groups[1].Value.Split(',').Select(v => part[..m.Index] + v + part[(m.Index + m.Length)..])
                : [part];
            foreach (var name in expanded) names.Add(name.TrimEnd('/'));
        }
        return names;
    }
}

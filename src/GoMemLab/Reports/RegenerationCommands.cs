using System.Text.RegularExpressions;

namespace GoMemLab.Reports;

/// <summary>
/// The commands that produce a report's inputs again. For the bundled artifacts (a file under a folder holding
/// <c>MANIFEST.md</c>, i.e. <c>data/artifacts</c>) they are the manifest's own commands, with the build directory
/// and the binary's build line of the same section; for anything else, the commands that write the format the file
/// holds (<see cref="InputFormatDetector"/>), whatever option it was given as.
/// </summary>
public static partial class RegenerationCommands
{
    /// <summary>The option an input was given as; used only when its content is not recognised.</summary>
    public enum InputKind { HeapProfile, EscapeLog, EscapeJson, AssemblyListing, GcTrace, MemStats }

    /// <summary>
    /// The commands (one per line, comments with '#') that regenerate <paramref name="path"/>; <paramref name="program"/> names
    /// the binary in them when known (a heap profile's main mapping), else PROGRAM.
    /// </summary>
    public static string For(string path, InputKind kind, string? program = null) => FromManifest(path) ?? Generic(path, kind, program);

    /// <summary>The commands that write the format <paramref name="path"/> holds (detected from its content) to a file of its
    /// name.</summary>
    public static string Generic(string path, InputKind kind, string? program = null)
    {
        var name = Path.GetFileName(path.TrimEnd('/', '\\'));
        var binary = "./" + (program ?? "PROGRAM");
        var format = InputFormatDetector.Detect(path) is var detected && detected != DetectedFormat.Unknown ? detected : kind switch
        {
            InputKind.HeapProfile => DetectedFormat.PprofProtobuf,
            InputKind.EscapeLog => DetectedFormat.EscapeM2,
            InputKind.EscapeJson => DetectedFormat.EscapeJsonDirectory,
            InputKind.AssemblyListing => DetectedFormat.AssemblyListing,
            InputKind.GcTrace => DetectedFormat.GcTrace,
            _ => DetectedFormat.MemStatsJsonLines,
        };
        return format switch
        {
            DetectedFormat.PprofProtobuf =>
                $"# a heap profile (pprof protobuf): written by the program itself with runtime/pprof,\n"
                + $"#   runtime.GC(); pprof.WriteHeapProfile(f)   // f: os.Create(\"{name}\")\n"
                + $"# or fetched from a program that serves net/http/pprof (import _ \"net/http/pprof\"):\n"
                + $"curl -sSf -o {name} http://HOST:PORT/debug/pprof/heap",
            DetectedFormat.HeapProfileText =>
                $"# a heap profile as text with its MemStats trailer (debug=1): written by the program itself,\n"
                + $"#   pprof.Lookup(\"heap\").WriteTo(f, 1)   // f: os.Create(\"{name}\")\n"
                + $"# or fetched from net/http/pprof:\n"
                + $"curl -sSf -o {name} 'http://HOST:PORT/debug/pprof/heap?debug=1'",
            DetectedFormat.EscapeM1
                => $"# in the module, from the same source as the profiled binary (the compiler writes to stderr)\ngo build -gcflags=-m "
                    + $"./... 2> {name}",
            DetectedFormat.EscapeM2
                => $"# in the module, from the same source as the profiled binary (the compiler writes to stderr)\ngo build "
                    + $"-gcflags=-m=2 ./... 2> {name}",
            DetectedFormat.EscapeJsonDirectory => $"# -a: a cached build writes no JSON\ngo build -a -gcflags=-json=0,{name} ./...",
            DetectedFormat.AssemblyListing => $"go build -gcflags=-S ./... 2> {name}",
            DetectedFormat.GcTrace => $"GODEBUG=gctrace=1 {binary} 2> {name}",
            DetectedFormat.ExpvarJson => $"# expvar's /debug/vars (import _ \"expvar\")\ncurl -sSf -o {name} http://HOST:PORT/debug/vars",
            _ => $"# runtime.MemStats as JSON lines, written by the program itself at intervals:\n"
                + $"#   var m runtime.MemStats; runtime.ReadMemStats(&m); json.NewEncoder(f).Encode(m)   // f: os.Create(\"{name}\")",
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

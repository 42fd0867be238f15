using System.Text.RegularExpressions;

namespace GoMemLab.Joins;

/// <summary>
/// Shows the source paths of a join the way a reader of the code names them: relative to the module. Profiles of ordinary
/// builds and <c>-S</c> listings carry absolute paths (<c>/home/me/batch/order.go</c>), <c>-m</c> logs carry paths relative to the
/// build directory (<c>./order.go</c>); both show as <c>order.go</c>. The module roots come from the inputs themselves:
/// <list type="number">
/// <item>an absolute path that ends with a path of the escape log (<c>/home/me/batch/</c> + <c>order.go</c>);</item>
/// <item>else the nearest folder above an absolute path that holds a <c>go.mod</c>, when the file is on this machine;</item>
/// <item>files of the module cache show relative to <c>pkg/mod</c> (<c>github.com/x/y@v1.2.3/z.go</c>).</item>
/// </list>
/// Paths of <c>-trimpath</c> builds (<c>example.com/leaky/internal/cache/cache.go</c>) name no machine and are kept; an absolute
/// path under no known root is kept too (nothing is guessed).
/// </summary>
public sealed partial class ModuleRelativePaths
{
    private readonly List<string> _roots;

    private ModuleRelativePaths(IEnumerable<string> roots) =>
        _roots = roots.Distinct(StringComparer.Ordinal).OrderByDescending(r => r.Length).ToList();

    /// <summary>No roots: only <c>./</c> prefixes are dropped.</summary>
    public static readonly ModuleRelativePaths None = new([]);

    /// <summary>
    /// The roots for <paramref name="absoluteFiles"/> (a profile's and a listing's files), given the files an escape log names
    /// (<paramref name="logFiles"/>, relative to the build directory). Never throws.
    /// </summary>
    public static ModuleRelativePaths For(IEnumerable<string> absoluteFiles, IEnumerable<string> logFiles)
    {
        var absolute = absoluteFiles.Select(SourcePathKey.Clean).Where(p => p.StartsWith('/')).Distinct(StringComparer.Ordinal).ToList();
        var relative = logFiles.Select(SourcePathKey.Clean).Where(p => p.Length > 0
            && !p.StartsWith('/')).Distinct(StringComparer.Ordinal).ToList();
        var roots = new List<string>();
        foreach (var path in absolute)
        {
            if (relative.FirstOrDefault(r => path.EndsWith("/" + r, StringComparison.Ordinal)) is { } logPath)
                roots.Add(path[..^(logPath.Length + 1)]);
            else if (ModuleRootOnDisk(path) is { } module)
                roots.Add(module);
        }
        foreach (var path in absolute)
            if (path.IndexOf("/pkg/mod/", StringComparison.Ordinal) is var at and > 0) roots.Add(path[..(at + 8)]);
        return new ModuleRelativePaths(roots);
    }

    /// <summary>A file path as shown: relative to its root when it has one, without a leading <c>./</c>; else unchanged.</summary>
    public string Show(string path)
    {
        if (path.StartsWith("./", StringComparison.Ordinal)) return SourcePathKey.Clean(path);
        if (!path.StartsWith('/')) return path;
        var cleaned = SourcePathKey.Clean(path);
        foreach (var root in _roots)
            if (cleaned.StartsWith(root + "/", StringComparison.Ordinal)) return cleaned[(root.Length + 1)..];
        return path;
    }

    /// <summary>Every Go file path inside a text (a flow's "at ./order.go:24:25", a reason, "a.go:1:2; b.go:3:4") as <see cref="Show"/>
    /// shows it.</summary>
    public string ShowIn(string text) => text.Length == 0 ? text : GoFile().Replace(text, m => Show(m.Value));

    /// <summary><see cref="WhyOnHeapRow"/> with its site, file, decision positions, flow and reason shown this way.</summary>
    public WhyOnHeapRow Apply(WhyOnHeapRow row) => row with
    {
        Site = row.Line > 0 && row.Site.EndsWith($":{row.Line}", StringComparison.Ordinal) ? $"{Show(row.File)}:{row.Line}" : row.Site,
        File = Show(row.File),
        Flow = ShowIn(row.Flow),
        DecisionAt = ShowIn(row.DecisionAt),
        Reason = ShowIn(row.Reason),
    };

    private static string? ModuleRootOnDisk(string path)
    {
        try
        {
            for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                if (File.Exists(Path.Combine(dir, "go.mod"))) return SourcePathKey.Clean(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        return null;
    }

    // An absolute or ./-relative path to a .go file, as a whole token (not the tail of an import path).
    [GeneratedRegex(@"(?<![\w./-])\.?/[^\s:;|,()]+\.go\b")]
    private static partial Regex GoFile();
}

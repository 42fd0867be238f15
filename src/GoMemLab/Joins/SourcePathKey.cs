namespace GoMemLab.Joins;

/// <summary>
/// Maps the three ways Go tools write one source file onto one key, so a heap profile, an escape log
/// and an assembly listing can be joined by <c>file:line</c>:
/// <list type="bullet">
/// <item>profiles of <c>-trimpath</c> binaries: module path + path in the module, <c>example.com/leaky/internal/cache/cache.go</c>;</item>
/// <item><c>-m</c> logs: relative to the build directory (<c>internal/cache/cache.go</c>, <c>./x.go</c>) under a
/// <c># example.com/leaky/internal/cache</c> package header;</item>
/// <item><c>-json</c> URIs, <c>-S</c> listings and profiles of ordinary builds: absolute (<c>/src/leaky/internal/cache/cache.go</c>,
/// <c>file:///…</c>).</item>
/// </list>
/// <see cref="Normalize"/> makes the key: the cleaned path, or <c>IMPORTPATH/BASENAME</c> when the file is known
/// to belong to a package with a real import path (Go keeps one directory per package, so that names the file
/// exactly). Keys of different forms that remain (an absolute path against a module path) are matched by
/// <see cref="SourceFileResolver"/> on their longest common suffix of whole path elements.
/// Column numbers play no part: profiles carry lines only.
/// </summary>
public static class SourcePathKey
{
    /// <summary>
    /// The key of <paramref name="path"/>; <paramref name="packagePath"/> is the import path of the package the
    /// file belongs to when known (a <c>#</c> header of a <c>-m</c> log, the package part of a profile's function
    /// name). Package paths that are not import paths (<c>main</c>, <c>command-line-arguments</c>, <c>_/dir</c>) are
    /// ignored, and a test variant's <c> [pkg.test]</c> suffix is dropped. Never throws; "" stays "".
    /// </summary>
    public static string Normalize(string path, string? packagePath = null)
    {
        var cleaned = Clean(path);
        if (cleaned.Length == 0) return "";
        var package = ImportPath(packagePath);
        return package is null ? cleaned : package + "/" + BaseName(cleaned);
    }

    /// <summary>
    /// The path with <c>file://</c> removed, backslashes as slashes, <c>.</c>/<c>..</c> resolved lexically and
    /// no leading <c>./</c> (<c>./x.go</c> → <c>x.go</c>); Windows drive letters are kept.
    /// </summary>
    public static string Clean(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "";
        var p = path.Trim();
        if (p.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            p = Uri.UnescapeDataString(p[7..]);
            // file:///C:/x.go names C:/x.go.
            if (p.Length > 3 && p[0] == '/' && p[2] == ':') p = p[1..];
        }
        p = p.Replace('\\', '/');
        var rooted = p.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") { parts.RemoveAt(parts.Count - 1); continue; }
            if (part == ".." && rooted) continue;
            parts.Add(part);
        }
        return (rooted ? "/" : "") + string.Join('/', parts);
    }

    /// <summary>
    /// The package import path of a Go function name as runtimes and profiles print it:
    /// <c>example.com/leaky/internal/cache.(*Cache).Put</c> → <c>example.com/leaky/internal/cache</c>,
    /// <c>encoding/json.(*decodeState).object</c> → <c>encoding/json</c>, <c>main.run.func1</c> → <c>main</c>.
    /// Type arguments in brackets are skipped (they may contain slashes). "" when there is no package part.
    /// </summary>
    public static string PackageOfFunction(string function)
    {
        var bracket = function.IndexOf('[');
        var name = bracket >= 0 ? function[..bracket] : function;
        var slash = name.LastIndexOf('/');
        var dot = name.IndexOf('.', slash + 1);
        return dot <= 0 ? "" : name[..dot];
    }

    /// <summary>
    /// True for functions of the Go standard library and runtime: the first element of the package path has
    /// no dot (<c>runtime</c>, <c>strings</c>, <c>encoding/json</c>), except <c>main</c>. A module whose path has no
    /// dot in its first element (allowed, but rare) is taken for the standard library too.
    /// </summary>
    public static bool IsStandardLibrary(string function)
    {
        var package = PackageOfFunction(function);
        if (package.Length == 0 || package == "main") return false;
        var slash = package.IndexOf('/');
        var first = slash < 0 ? package : package[..slash];
        return !first.Contains('.');
    }

    /// <summary>The last element of a cleaned path.</summary>
    public static string BaseName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>Number of whole trailing path elements two keys share (0 when even the base names differ).</summary>
    public static int CommonSuffixElements(string a, string b)
    {
        var x = a.Split('/');
        var y = b.Split('/');
        var n = 0;
        while (n < x.Length && n < y.Length && x[^(n + 1)] == y[^(n + 1)] && x[^(n + 1)].Length > 0) n++;
        return n;
    }

    private static string? ImportPath(string? packagePath)
    {
        if (string.IsNullOrWhiteSpace(packagePath)) return null;
        var p = packagePath.Trim();
        var variant = p.IndexOf(" [", StringComparison.Ordinal);
        if (variant > 0) p = p[..variant];
        if (p.EndsWith(".test", StringComparison.Ordinal) || p.EndsWith("_test", StringComparison.Ordinal)) return null;
        if (p is "main" or "command-line-arguments" || p.StartsWith('_') || p.Contains(' ')) return null;
        return p;
    }
}

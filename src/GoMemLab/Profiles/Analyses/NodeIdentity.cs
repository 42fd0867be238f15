using System.Globalization;
using System.Text;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// What makes two frames the same report node at a granularity: pprof's NodeInfo (function name, address,
/// file, start line, line, object file). Its <see cref="PrintableName"/> is the name pprof prints, e.g.
/// <c>main.handle</c>, <c>main.handle /src/leaky/cmd/leaky/main.go:74</c>, <c>/src/leaky/cmd/leaky/main.go</c>,
/// <c>[leaky]</c> for an unsymbolized frame in a known binary, or <c>&lt;unknown&gt;</c>.
/// </summary>
public readonly record struct NodeIdentity(string Name, ulong Address, string File, long StartLine, long Line, string ObjectFile)
{
    public string PrintableName
    {
        get
        {
            var parts = new List<string>(3);
            if (Address != 0) parts.Add(Address.ToString("x16", CultureInfo.InvariantCulture));
            if (Name.Length > 0) parts.Add(Name);
            if (Line != 0) parts.Add(File + ":" + Line.ToString(CultureInfo.InvariantCulture));
            else if (File.Length > 0) parts.Add(File);
            else if (Name.Length > 0) { }
            else if (ObjectFile.Length > 0) parts.Add("[" + GoPath.Base(ObjectFile) + "]");
            else parts.Add("<unknown>");
            return string.Join(" ", parts);
        }
    }

    /// <summary>Go's fmt.Sprint of pprof's NodeInfo: pprof's last tie-breaker when sorting nodes.</summary>
    internal string GoSprint() =>
        string.Create(CultureInfo.InvariantCulture, $"{{{Name}  {Address} {File} {StartLine} {Line} {ObjectFile}}}");
}

/// <summary>Go's path/filepath semantics for slash-separated paths, as pprof applies them to file names.</summary>
internal static class GoPath
{
    /// <summary>filepath.Clean: the shortest equivalent path, resolving "." and ".." lexically.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join("/", parts);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>filepath.Base: the last element, trailing slashes removed.</summary>
    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        path = path.TrimEnd('/');
        if (path.Length == 0) return "/";
        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    /// <summary>pprof's default trim of source paths (no -trim_path, no -source_path): the /proc/self/cwd prefixes.</summary>
    public static string TrimSourcePath(string path)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["/proc/self/cwd/./", "/proc/self/cwd/"])
            if (path.StartsWith(prefix, StringComparison.Ordinal)) return path[prefix.Length..];
        return path;
    }

    /// <summary>Go compares strings byte-wise in UTF-8; ordinal UTF-16 order differs only above U+FFFF, so compare UTF-8 bytes when
    /// needed.</summary>
    public static int CompareGo(string a, string b)
    {
        var ordinal = string.CompareOrdinal(a, b);
        if (ordinal == 0 || (IsBasic(a) && IsBasic(b))) return ordinal;
        return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
    }

    private static bool IsBasic(string s)
    {
        foreach (var c in s) if (char.IsSurrogate(c)) return false;
        return true;
    }
}

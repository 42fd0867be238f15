using System.Net;
using System.Text;
using GoMemLab.Environment;
using GoMemLab.Inputs;
using GoMemLab.Live;

namespace GoMemLab.Ssa;

/// <summary>
/// Runs <c>GOSSAFUNC=F go build -o /dev/null [-gcflags=…] PACKAGE</c> in a module directory (no shell; the environment
/// and arguments go to the process as data) and keeps the ssa.html pages the compiler writes. <c>GOSSADIR</c> points at
/// a fresh temporary directory, so nothing is written into the user's sources (without it the compiler writes
/// ./ssa.html into the package directory, and a second function of the same name — <c>GOSSAFUNC=main</c> matches
/// <c>runtime.main</c> too — overwrites the first) and no binary is left behind. Because GOSSAFUNC and GOSSADIR are
/// part of every package's build-cache key, each run compiles the standard library again: about 10–30 s on two cores.
/// A cached build would print "dumped SSA to ./ssa.html" without writing anything, which this avoids.
/// The pages name source files by absolute path; they are rewritten to the directory as the caller gave it and to
/// <c>$GOROOT</c>, so no path of the machine reaches a notebook or report.
/// </summary>
public static class GoSsaBuild
{
    /// <summary>One page the compiler wrote: the package path it names (<c>main</c> for a main package) and the HTML.</summary>
    public sealed record Page(string Package, string Function, string Html);

    /// <summary>What the build did: its arguments, its output, the pages (the built package's first), and the one asked for.</summary>
    public sealed record Result(IReadOnlyList<string> Arguments, string Output, IReadOnlyList<Page> Pages)
    {
        /// <summary>The page of the built package (first of <see cref="Pages"/>).</summary>
        public Page Main => Pages[0];

        /// <summary>The built package's page, parsed.</summary>
        public SsaDump Load(CancellationToken cancel = default) =>
            SsaHtmlReader.Read(Encoding.UTF8.GetBytes(Main.Html), $"GOSSAFUNC={Main.Function} ({Main.Package})", cancel);
    }

    /// <summary>
    /// Builds <paramref name="package"/> (one package pattern, default ".") in <paramref name="directory"/> with
    /// <c>GOSSAFUNC=<paramref name="function"/></c>. <paramref name="shownDirectory"/> replaces the directory's absolute
    /// path in the pages (default: the directory's name). <paramref name="onLine"/> receives each output line.
    /// </summary>
    /// <exception cref="InputFormatException">No such directory, no Go on PATH, the build failed (its first error line),
    /// or it wrote no page (no function of that name in the package).</exception>
    public static async Task<Result> RunAsync(string directory, string function, string package = ".", string? gcflags = null,
        string? shownDirectory = null, Action<string>? onLine = null, CancellationToken cancel = default)
    {
        if (!Directory.Exists(directory)) throw new InputFormatException(directory, "no such directory to build in");
        if (string.IsNullOrWhiteSpace(function)) throw new ArgumentException("missing the function name for GOSSAFUNC");
        var go = GoToolchain.FindGo()
            ?? throw new InputFormatException(directory, "cannot build: the Go toolchain (go) is not on PATH; install Go 1.19 or later");
        var full = Path.GetFullPath(directory);
        var work = Directory.CreateTempSubdirectory("gomemlab-ssa-").FullName;
        try
        {
            var arguments = new List<string> { "build", "-o", OperatingSystem.IsWindows() ? "NUL" : "/dev/null" };
            if (!string.IsNullOrWhiteSpace(gcflags)) arguments.Add("-gcflags=" + gcflags);
            arguments.Add(package);
            var environment = new Dictionary<string, string> { ["GOSSAFUNC"] = function, ["GOSSADIR"] = work, ["GOPROXY"] = "off" };
            var build = await ChildProcess.RunAsync(go, arguments, full, environment, (line, _) => onLine?.Invoke(line.Replace(work,
                "$GOSSADIR")), cancel);
            if (build.Cancelled) throw new OperationCanceledException("the build was cancelled", cancel);
            var output = (build.StandardError + build.StandardOutput).Replace(work, "$GOSSADIR");
            if (build.ExitCode != 0)
            {
                var first = output.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal)) ?? "";
                throw new InputFormatException(directory,
                    $"GOSSAFUNC={function} go {string.Join(' ', arguments)} failed (exit {build.ExitCode}): {first}");
            }
            var goroot = GoToolchain.Query(go, TimeSpan.FromSeconds(30), "env", "GOROOT");
            // The page's file is named by the package path the compiler was given: "main" for a main package.
            var list = await ChildProcess.RunAsync(go, ["list", "-f", "{{if eq .Name \"main\"}}main{{else}}{{.ImportPath}}{{end}}",
                package],
                full, new Dictionary<string, string> { ["GOPROXY"] = "off" }, cancellation: cancel);
            var builtPackage = list.StandardOutput.Trim();
            var pages = Directory.EnumerateFiles(work, "*.html", SearchOption.AllDirectories)
                .Select(file => ReadPage(work, file, full, shownDirectory ?? Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)),
                    goroot))
                .OrderBy(p => p.Package == builtPackage ? 0 : 1).ThenBy(p => p.Package, StringComparer.Ordinal).ThenBy(p => p.Function,
                    StringComparer.Ordinal)
                .ToList();
            if (pages.Count == 0 || pages[0].Package != builtPackage)
                throw new InputFormatException(directory,
                    $"GOSSAFUNC={function}: the compiler wrote no page for {package} ({builtPackage}): "
                    + "no function of that name there (a method is written (*T).M or T.M, a closure F.func1)"
                    + (pages.Count > 0 ? $"; it matched {string.Join(", ", pages.Select(p => p.Package + "." + p.Function))}" : ""));
            return new Result(arguments, output, pages);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    // GOSSADIR/<package path>.<function>.html, the package path possibly with slashes (the compiler makes the folders).
    private static Page ReadPage(string work, string file, string directory, string shown, string? goroot)
    {
        var relative = Path.GetRelativePath(work, file).Replace(Path.DirectorySeparatorChar, '/')[..^".html".Length];
        var slash = relative.LastIndexOf('/');
        var dot = relative.IndexOf('.', slash + 1);
        var (package, function) = dot < 0 ? (relative, "") : (relative[..dot], relative[(dot + 1)..]);
        var html = File.ReadAllText(file);
        html = Shorten(html, directory, shown);
        if (!string.IsNullOrEmpty(goroot)) html = Shorten(html, goroot, "$GOROOT");
        return new Page(package, function, html);
    }

    // Paths appear as text and, where they hold characters HTML escapes, escaped: replace both forms.
    private static string Shorten(string html, string path, string shown)
    {
        var trimmed = path.TrimEnd(Path.DirectorySeparatorChar);
        return html.Replace(trimmed + "/", shown + "/").Replace(WebUtility.HtmlEncode(trimmed) + "/", WebUtility.HtmlEncode(shown) + "/");
    }
}

using System.Reflection;
using System.Runtime.Loader;

namespace GoMemLab.Interactive.Hosting;

/// <summary>
/// Lets Plotly.NET 6 run inside notebook hosts that ship an older FSharp.Core.
/// Plotly.NET 6.0.0 is compiled against FSharp.Core 10.1.0.0, while dotnet-interactive 1.0.712001 and
/// dotnet-repl 0.3.259 carry FSharp.Core 10.0.0.0 for their own F# kernel. .NET has no binding
/// redirects, so the bind fails ("Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'").
///
/// The failed bind reaches the resolving events, and we answer it with the host's own FSharp.Core.
/// Answering with a second, newer copy would not work: Plotly.NET's other F# dependencies
/// (Giraffe.ViewEngine, DynamicObj) bind to the host's copy without asking, and two FSharp.Core copies
/// mean two incompatible FSharpFunc types (MissingMethodException at the first chart). Plotly.NET
/// uses nothing that 10.0 lacks. Only when the host has no FSharp.Core at all do we load the copy
/// that ships in this package (interactive-extensions/dotnet/fsharp).
/// </summary>
internal static class FSharpCoreBridge
{
    private static readonly object Gate = new();
    private static bool _installed;
    [ThreadStatic] private static bool _resolving;

    /// <summary>Where the package puts the FSharp.Core that GoMemLab was built with (next to this extension's dll).</summary>
    internal static string BundledPath =>
        Path.Combine(Path.GetDirectoryName(typeof(FSharpCoreBridge).Assembly.Location) ?? ".", "fsharp", "FSharp.Core.dll");

    /// <summary>The FSharp.Core that answered a redirected request, if any (for diagnostics).</summary>
    public static Assembly? Answered { get; private set; }

    /// <summary>Idempotent: hooks the resolving events of the default context and of the app domain.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            _installed = true;
        }
        AssemblyLoadContext.Default.Resolving += (_, name) => Resolve(name);
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(new AssemblyName(args.Name));
    }

    private static Assembly? Resolve(AssemblyName requested)
    {
        if (_resolving || !string.Equals(requested.Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase)) return null;
        lock (Gate)
        {
            if (Answered is not null) return Answered;
            _resolving = true;
            try
            {
                Answered = HostCopy() ?? BundledCopy();
                return Answered;
            }
            finally
            {
                _resolving = false;
            }
        }
    }

    private static Assembly? HostCopy()
    {
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == "FSharp.Core");
        if (loaded is not null) return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("FSharp.Core"));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException)
        {
            return null;
        }
    }

    private static Assembly? BundledCopy() =>
        File.Exists(BundledPath) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(BundledPath) : null;
}

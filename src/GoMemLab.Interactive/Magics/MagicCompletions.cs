using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>
/// Completions that hosts offer while a magic is typed (VS Code Polyglot Notebooks asks for them;
/// Jupyter and dotnet-repl do not): input files near the notebook, and the sample types Go writes.
/// </summary>
public static class MagicCompletions
{
    /// <summary>The sample types of the profiles the Go runtime writes (heap, cpu, goroutine, block/mutex).</summary>
    public static readonly IReadOnlyList<string> GoSampleTypes =
        ["inuse_space", "inuse_objects", "alloc_space", "alloc_objects", "cpu", "samples", "goroutine", "contentions", "delay"];

    /// <summary>Offers files under the current directory (two levels down) whose names end with one of
    /// <paramref name="endings"/>.</summary>
    public static KernelDirectiveParameter WithFileCompletions(this KernelDirectiveParameter parameter, params string[] endings)
    {
        parameter.AddCompletions(() => FilesNearby(Directory.GetCurrentDirectory(), endings));
        return parameter;
    }

    /// <summary>Offers <see cref="GoSampleTypes"/>.</summary>
    public static KernelDirectiveParameter WithSampleTypeCompletions(this KernelDirectiveParameter parameter)
    {
        parameter.AddCompletions(() => GoSampleTypes);
        return parameter;
    }

    /// <summary>Relative paths of matching files in <paramref name="folder"/> and two levels of subfolders, at most 200, sorted.</summary>
    public static IEnumerable<string> FilesNearby(string folder, IReadOnlyCollection<string> endings)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2, IgnoreInaccessible = true };
        try
        {
            return Directory.EnumerateFiles(folder, "*", options)
                .Where(f => endings.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                .Select(f => Path.GetRelativePath(folder, f))
                .Order(StringComparer.Ordinal)
                .Take(200)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}

using System.CommandLine;
using System.Globalization;

namespace GoMemLab.ReferenceDocs;

/// <summary>Every reference page: the index, one page per leaf command, one per magic.</summary>
public static class ReferencePages
{
    /// <summary>
    /// Renders the pages; commands write their example files into a scratch folder removed afterwards. Runs in the
    /// invariant culture: the parser translates its help and numbers follow the culture, and the pages must not.
    /// </summary>
    public static async Task<IReadOnlyList<ReferencePage>> RenderAsync(RootCommand root, string repositoryRoot,
        CancellationToken cancellation)
    {
        var scratch = Directory.CreateTempSubdirectory("gomemlab-docs-");
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            var commands = await new CliReferencePages(root, repositoryRoot, scratch.FullName).RenderAsync(cancellation);
            var magics = await new MagicReferencePages(repositoryRoot).RenderAsync(cancellation);
            return [ReferenceIndex.Render(commands, magics), .. commands, .. magics];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The checkout around <paramref name="folder"/> (the folder with GoMemLab.sln and data/artifacts), or null.</summary>
    public static string? FindRepository(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GoMemLab.sln")) && Directory.Exists(Path.Combine(dir.FullName, "data",
                "artifacts")))
                return dir.FullName;
        return null;
    }
}

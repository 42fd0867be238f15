namespace GoMemLab.Tests.Support;

/// <summary>Locates the repository (the folder holding GoMemLab.sln) so tests read the committed artifacts under data/.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    public static string Artifact(params string[] parts) => Path.Combine([Root, "data", "artifacts", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GoMemLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("GoMemLab.sln not found above " + AppContext.BaseDirectory);
    }
}

using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// Packs GoMemLab (core, extension, CLI tool) once per test run into a fresh folder feed, with a
/// version no earlier run used: notebook hosts cache packages by id and version, so a repack under an
/// old version would silently load stale bits. When the kernel collection (every test that uses the feed) ends, the
/// feed and the copies the hosts restored into the NuGet package cache (about 130 MB a run) are deleted: see
/// <see cref="Cleanup"/>. (A ProcessExit handler did it before, and the test platform killed the host midway: each
/// run left a feed folder in /tmp.)
/// </summary>
public static class LocalFeed
{
    private static readonly Lazy<(string Folder, string Version)> Packed = new(Pack);

    public static string Folder => Packed.Value.Folder;

    public static string Version => Packed.Value.Version;

    /// <summary>The two lines a notebook uses to load GoMemLab from this feed.</summary>
    public static string LoadCell => $"#i \"nuget:{Folder}\"\n#r \"nuget:GoMemLab.Interactive,{Version}\"";

    private static (string, string) Pack()
    {
        var version = $"0.1.0-hosttest.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(100, 999)}";
        var folder = Path.Combine(Path.GetTempPath(), "gomemlab-feed-" + version);
        var result = ExternalProcess.Run("dotnet",
            ["pack", "GoMemLab.sln", "-c", "Release", "-o", folder, $"-p:Version={version}", "-v", "q", "-nologo"],
            RepoPaths.Root, TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, "dotnet pack failed:\n" + result.Output);
        Assert.True(File.Exists(Path.Combine(folder, $"GoMemLab.Interactive.{version}.nupkg")), "no extension package in " + folder);
        return (folder, version);
    }

    /// <summary>A fixture of the kernel collection: nothing when it starts; when it ends, the feed if one was packed.</summary>
    public sealed class Cleanup : IDisposable
    {
        public void Dispose()
        {
            if (Packed.IsValueCreated) Remove(Packed.Value.Folder, Packed.Value.Version);
        }
    }

    private static void Remove(string folder, string version)
    {
        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var path in new[] { folder }.Concat(new[] { "gomemlab.core", "gomemlab.interactive",
            "gomemlab" }.Select(id => Path.Combine(cache, id, version))))
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path,
                recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
    }
}

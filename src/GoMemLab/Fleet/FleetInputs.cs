namespace GoMemLab.Fleet;

/// <summary>One file to ingest: where it is, how to name it to the user, and the path stored in the database.</summary>
internal sealed record FleetInput(string FullPath, string Display, string StoredPath);

/// <summary>Expands the paths given to an ingest into files.</summary>
internal static class FleetInputs
{
    /// <summary>
    /// A folder gives every file below it (recursively, in ordinal path order; names starting with '.' are left out),
    /// stored relative to that folder, so <c>fleet/service=leaky/pod=a/heap-1.pb.gz</c> ingested as <c>fleet</c> is
    /// stored as <c>service=leaky/pod=a/heap-1.pb.gz</c>. A file is stored as the relative path it was given by
    /// (its folder segments give labels too), or, given as an absolute path, relative to the working directory when
    /// it is below it, else by its name, so no machine path is stored. Throws <see cref="Inputs.InputFormatException"/>
    /// for a path that does not exist, before anything is read.
    /// </summary>
    public static List<FleetInput> Expand(IEnumerable<string> paths)
    {
        var inputs = new List<FleetInput>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                var files = new List<string>();
                Walk(root, files);
                files.Sort(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var relative = Slashes(Path.GetRelativePath(root, file));
                    inputs.Add(new FleetInput(file, Slashes(Path.Join(path, relative)), relative));
                }
            }
            else if (File.Exists(path))
            {
                var full = Path.GetFullPath(path);
                string stored;
                if (!Path.IsPathRooted(path)) stored = Slashes(Path.GetRelativePath(System.Environment.CurrentDirectory, full));
                else
                {
                    var relative = Path.GetRelativePath(System.Environment.CurrentDirectory, full);
                    stored = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFileName(full)
                        : Slashes(relative);
                }
                if (stored.StartsWith("../", StringComparison.Ordinal)) stored = Path.GetFileName(full);
                inputs.Add(new FleetInput(full, path, stored));
            }
            else throw new Inputs.InputFormatException(path, "no such file or folder");
        }
        return inputs;
    }

    private static void Walk(string folder, List<string> files)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.')) continue;
            // Links to folders are not followed: a link cycle would never end.
            if (entry is DirectoryInfo d) { if (d.LinkTarget is null) Walk(d.FullName, files); }
            else files.Add(entry.FullName);
        }
    }

    private static string Slashes(string path) => path.Replace('\\', '/');
}

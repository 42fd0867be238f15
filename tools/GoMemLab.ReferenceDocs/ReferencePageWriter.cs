namespace GoMemLab.ReferenceDocs;

/// <summary>
/// Writes the pages under a folder and removes the pages of commands or magics that no longer exist: the
/// cli/ and magics/ folders hold generated pages only.
/// </summary>
public static class ReferencePageWriter
{
    public static (int Written, IReadOnlyList<string> Removed) Write(string folder, IReadOnlyList<ReferencePage> pages)
    {
        var wanted = pages.Select(p => Path.GetFullPath(Path.Combine(folder, p.RelativePath))).ToHashSet();
        foreach (var page in pages)
        {
            var path = Path.Combine(folder, page.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, page.Markdown);
        }
        var removed = new List<string>();
        foreach (var generated in new[] { "cli", "magics" }.Select(d => Path.Combine(folder, d)).Where(Directory.Exists))
            foreach (var stale in Directory.EnumerateFiles(generated, "*.md").Where(f => !wanted.Contains(Path.GetFullPath(f))).ToList())
            {
                File.Delete(stale);
                removed.Add(stale);
            }
        return (pages.Count, removed);
    }
}

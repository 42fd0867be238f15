using System.Text.RegularExpressions;

namespace GoMemLab.Tests.Support;

/// <summary>
/// The temporary folders the curated notebooks make for themselves (<c>gomemlab-06-…</c>, <c>gomemlab-probe-…</c>, …).
/// A notebook deletes its own in its last cells; one that fails midway cannot, and a failed run used to leave them in
/// /tmp. A fixture of the kernel collection, where every test that runs a notebook lives (one at a time): when the
/// collection ends it deletes the notebook folders that appeared while it ran. Tests still assert that a notebook that
/// runs green leaves none of its own.
/// </summary>
public sealed partial class NotebookScratch : IDisposable
{
    private readonly HashSet<string> _before = Current();

    public void Dispose()
    {
        foreach (var folder in Current().Except(_before))
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
    }

    private static HashSet<string> Current() => Directory.EnumerateDirectories(Path.GetTempPath(), "gomemlab-*")
        .Where(d => NotebookFolder().IsMatch(Path.GetFileName(d))).ToHashSet();

    // The prefixes the notebooks pass to Directory.CreateTempSubdirectory or build by hand (grep gomemlab- notebooks/).
    [GeneratedRegex("^gomemlab-([0-9]{2}[a-z]?|probe|fix|guard)-")]
    private static partial Regex NotebookFolder();
}

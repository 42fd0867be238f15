namespace GoMemLab.ReferenceDocs;

/// <summary>
/// Turns the command lines written on the pages (paths relative to the repository root) into the ones the generator
/// runs with the repository root as the current folder (<see cref="RunFromRootAsync{T}"/>), and back into text for
/// the page. Paths stay as written, so that what the commands print (and the width of a table's path column) is the
/// same in every checkout; only the scratch folder is elsewhere.
/// </summary>
public sealed class CliArguments(string repositoryRoot, string scratchFolder)
{
    private const string ScratchPrefix = StableText.ScratchName + "/";

    // The current folder is the process's: runs that change it take turns.
    private static readonly SemaphoreSlim CurrentFolder = new(1, 1);

    /// <summary><c>out/…</c> goes to the scratch folder; every other token is left as written.</summary>
    public string[] Resolve(IEnumerable<string> tokens) => tokens.Select(Resolve).ToArray();

    private string Resolve(string token) =>
        token.StartsWith(ScratchPrefix, StringComparison.Ordinal) ? Path.Combine(scratchFolder, token[ScratchPrefix.Length..]) : token;

    /// <summary>Runs <paramref name="run"/> with the repository root as the current folder, then restores the previous one.</summary>
    public async Task<T> RunFromRootAsync<T>(Func<Task<T>> run)
    {
        await CurrentFolder.WaitAsync();
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(repositoryRoot);
            return await run();
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            CurrentFolder.Release();
        }
    }

    /// <summary>The command line as a reader would type it.</summary>
    public static string Display(IEnumerable<string> tokens) =>
        "gomemlab " + string.Join(' ', tokens.Select(t => t.Contains(' ', StringComparison.Ordinal) ? $"\"{t}\"" : t));
}

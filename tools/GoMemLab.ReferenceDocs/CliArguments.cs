namespace GoMemLab.ReferenceDocs;

/// <summary>
/// Turns the command lines written on the pages (paths relative to the repository root) into ones that run
/// from any current directory, and back into text for the page.
/// </summary>
public sealed class CliArguments(string scratchFolder)
{
    private const string ScratchPrefix = StableText.ScratchName + "/";

    /// <summary>
    /// <c>out/…</c> goes to the scratch folder; every other token is left as written: the commands run from the
    /// repository root (<see cref="CliReferencePages.RenderAsync(CancellationToken)"/>), so a repository path
    /// (a token with '/' or '.' naming a file or folder of the repository) or a deliberately missing
    /// <c>no-such-…</c> one resolves there.
    /// </summary>
    public string[] Resolve(IEnumerable<string> tokens) => tokens.Select(Resolve).ToArray();

    private string Resolve(string token)
    {
        if (token.StartsWith(ScratchPrefix, StringComparison.Ordinal)) return Path.Combine(scratchFolder, token[ScratchPrefix.Length..]);
        return token;
    }

    /// <summary>The command line as a reader would type it.</summary>
    public static string Display(IEnumerable<string> tokens) =>
        "gomemlab " + string.Join(' ', tokens.Select(t => t.Contains(' ', StringComparison.Ordinal) ? $"\"{t}\"" : t));
}

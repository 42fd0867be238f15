using System.Text.RegularExpressions;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// Makes captured output the same on every machine, so the committed pages can be compared with a fresh
/// rendering: absolute paths under the repository become relative to the folder the reader works in
/// (the repository root for the CLI, the notebooks folder for magics), the scratch folder becomes <c>out</c>,
/// and line ends become "\n".
/// </summary>
public sealed class StableText(string repositoryRoot, string workingFolder, string? scratchFolder = null)
{
    /// <summary>What the scratch folder is called on the pages.</summary>
    public const string ScratchName = "out";

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
    private readonly string? _scratch = scratchFolder is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(scratchFolder));

    public string Apply(string text)
    {
        text = text.Replace("\r\n", "\n");
        if (_scratch is { } scratch) text = PathsUnder(scratch).Replace(text,
            m => ScratchName + m.Value[scratch.Length..].Replace('\\', '/'));
        return PathsUnder(_root).Replace(text, m => Path.GetRelativePath(workingFolder, m.Value).Replace('\\', '/'));
    }

    // A path ends at white space, a quote, a bracket or the ':' of "file:line" (repository paths contain none of them).
    private static Regex PathsUnder(string folder) =>
        new(Regex.Escape(folder) + @"(?![^/\\\s'""()\[\]:,;])(?:[/\\][^\s'""()\[\]:,;]*)?");
}

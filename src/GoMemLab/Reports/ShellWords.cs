namespace GoMemLab.Reports;

/// <summary>Command lines to copy into a POSIX shell, as reports show them.</summary>
public static class ShellWords
{
    /// <summary>
    /// The words joined with spaces, each quoted with single quotes when it holds anything but letters, digits and
    /// <c>_ - . / : = , @ % +</c> (so a glob is quoted too, and the shell passes it on as written).
    /// </summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>One word, single-quoted when the shell would split or expand it.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:=,@%+".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}

namespace GoMemLab.Escape;

/// <summary>
/// Matches a path as the Go toolchain printed it (relative to the build directory, absolute, or
/// <c>$GOROOT/src/…</c> in listings) to a full path on this machine.
/// </summary>
public static class LoggedPath
{
    /// <summary>
    /// True when <paramref name="fullPath"/> is <paramref name="loggedPath"/> or ends with it on a '/'
    /// boundary (separators normalised, a leading "./" ignored). An empty logged path matches nothing.
    /// </summary>
    public static bool SameFile(string fullPath, string loggedPath)
    {
        var full = fullPath.Replace('\\', '/');
        var logged = loggedPath.Replace('\\', '/');
        if (logged.StartsWith("./", StringComparison.Ordinal)) logged = logged[2..];
        return logged.Length > 0 && (full == logged || full.EndsWith("/" + logged, StringComparison.Ordinal));
    }
}

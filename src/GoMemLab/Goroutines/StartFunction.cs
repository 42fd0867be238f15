namespace GoMemLab.Goroutines;

/// <summary>
/// Which function a goroutine started in, read from its stack the same way in every dump form: the outermost
/// frame that Go's traceback would show. The forms differ in what they print — protobuf and debug=1 keep
/// <c>runtime.goexit</c> (debug=1 hides it from its <c>#</c> lines) and <c>runtime.main</c>, debug=2 hides both —
/// so, as the runtime's <c>showfuncinfo</c> does (src/runtime/traceback.go), unexported <c>runtime.</c> functions
/// and names without a dot are skipped. The main goroutine therefore starts in <c>main.main</c> in every form.
/// A goroutine whose frames are all hidden (a runtime worker in a GOTRACEBACK=system dump) starts in its
/// outermost frame other than runtime.goexit.
/// </summary>
public static class StartFunction
{
    /// <summary>The key used for a goroutine whose stack the dump does not show.</summary>
    public const string NoStack = "(no stack)";

    /// <summary>The prefix of the key of a stack cut before its outermost frame.</summary>
    public const string TruncatedPrefix = "(truncated) ";

    /// <summary>
    /// Index into <paramref name="innermostFirst"/> of the start frame, or -1 when there is none (no frames, or only runtime.goexit).
    /// </summary>
    public static int Find(IReadOnlyList<string> innermostFirst)
    {
        for (var i = innermostFirst.Count - 1; i >= 0; i--)
            if (IsShown(innermostFirst[i])) return i;
        for (var i = innermostFirst.Count - 1; i >= 0; i--)
            if (innermostFirst[i] != "runtime.goexit") return i;
        // Only runtime.goexit: a goroutine created but not yet started (protobuf leaves even that frame out).
        return -1;
    }

    /// <summary>The grouping key for a stack with these functions (innermost first) that was, or was not, cut.</summary>
    public static string Key(IReadOnlyList<string> innermostFirst, bool truncated)
    {
        var start = Find(innermostFirst);
        if (start < 0) return NoStack;
        return truncated ? TruncatedPrefix + innermostFirst[start] : innermostFirst[start];
    }

    /// <summary>Whether Go's default traceback prints a frame of <paramref name="function"/>.</summary>
    public static bool IsShown(string function)
    {
        if (!function.Contains('.')) return false;
        if (!function.StartsWith("runtime.", StringComparison.Ordinal)) return true;
        var rest = function.AsSpan("runtime.".Length);
        return rest.Length > 0 && char.IsAsciiLetterUpper(rest[0]);
    }
}

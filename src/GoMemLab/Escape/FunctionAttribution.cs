namespace GoMemLab.Escape;

/// <summary>
/// Names the function a diagnostic belongs to. The log never says so directly; what it has are the
/// can-inline / cannot-inline lines at each function's declaration, so a diagnostic belongs to the
/// closest such declaration at or above its line in the same file. Caveats: with plain <c>-m</c> only
/// inlinable functions are announced; a closure announced as <c>F.func1</c> also claims the lines of
/// F after it; package-level initialisers get the function above them.
/// </summary>
internal static class FunctionAttribution
{
    public static string[] Attribute(List<EscapeLogBuilder.Draft> drafts, List<string> files)
    {
        var declarations = new Dictionary<int, List<(int Line, string Name)>>();
        foreach (var d in drafts)
        {
            if (d.Kind is not (EscapeKind.CanInline or EscapeKind.CannotInline)) continue;
            if (!declarations.TryGetValue(d.File, out var list)) declarations[d.File] = list = [];
            list.Add((d.Line, d.Subject));
        }
        foreach (var list in declarations.Values)
        {
            list.Sort((a, b) => a.Line.CompareTo(b.Line));
            // The same function can be announced twice (build variants); keep one entry per line.
            var w = 0;
            for (var r = 0; r < list.Count; r++)
                if (w == 0 || list[w - 1].Line != list[r].Line) list[w++] = list[r];
            list.RemoveRange(w, list.Count - w);
        }
        var result = new string[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            result[i] = declarations.TryGetValue(d.File, out var list) ? Find(list, d.Line) : "";
        }
        return result;
    }

    private static string Find(List<(int Line, string Name)> sorted, int line)
    {
        int lo = 0, hi = sorted.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].Line <= line) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? "" : sorted[found].Name;
    }
}

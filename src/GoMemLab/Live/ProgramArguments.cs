namespace GoMemLab.Live;

/// <summary>The arguments of a program to run, as a user types them in one string (a magic's or an option's value).</summary>
public static class ProgramArguments
{
    /// <summary>
    /// Splits <paramref name="text"/> on white space, with "double quotes" grouping (no other shell syntax; nothing is
    /// ever given to a shell). Null or blank text is no argument. Throws <see cref="ArgumentException"/> for an
    /// unbalanced quote.
    /// </summary>
    public static IReadOnlyList<string> Split(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        var current = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (var c in text)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) { result.Add(current.ToString()); current.Clear(); any = false; }
                continue;
            }
            current.Append(c);
            any = true;
        }
        if (quoted) throw new ArgumentException($"unbalanced double quote in arguments: {text}");
        if (any) result.Add(current.ToString());
        return result;
    }
}

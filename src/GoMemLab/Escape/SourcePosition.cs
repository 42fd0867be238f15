namespace GoMemLab.Escape;

/// <summary>
/// Parses the compiler's <c>file:line:col</c> / <c>file:line</c> positions. The column is 1-based
/// in bytes; Go omits it (prints <c>file:line</c>) when it is above 255, which is reported here as 0.
/// File names may contain colons (Windows drive letters), so numbers are taken from the end.
/// </summary>
public static class SourcePosition
{
    /// <summary>Parses <c>file:line[:col]</c> from the whole span; false when it has no numeric line.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out string file, out int line, out int column)
    {
        file = ""; line = 0; column = 0;
        var last = text.LastIndexOf(':');
        if (last <= 0 || !TryDigits(text[(last + 1)..], out var n)) return false;
        var rest = text[..last];
        var previous = rest.LastIndexOf(':');
        if (previous > 0 && TryDigits(rest[(previous + 1)..], out var l))
        {
            file = rest[..previous].ToString(); line = l; column = n;
            return true;
        }
        file = rest.ToString(); line = n;
        return true;
    }

    /// <summary>Parses a run of ASCII digits (1 to 9 of them); false otherwise.</summary>
    public static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9) return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}

using System.Buffers.Text;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// The header of one goroutine in debug=2 text and tracebacks, as <c>goroutineheader</c> prints it
/// (src/runtime/traceback.go): <c>goroutine 18 [chan receive, 5 minutes, locked to thread]:</c>. Go 1.23+ at
/// GOTRACEBACK=system or crash adds <c>gp=0x… m=3 mp=0x…</c> after the id; the state may carry <c>(scan)</c> (a GC
/// was scanning the stack) and, in Go 1.26+ goroutineleak dumps, <c>(leaked)</c>. Unknown comma-separated parts are ignored.
/// </summary>
internal ref struct TracebackHeader
{
    public long Id;
    public ReadOnlySpan<byte> StateWords;
    public int WaitMinutes;
    public bool LockedToThread;
    public bool Leaked;

    /// <summary>True when <paramref name="line"/> has the shape of a header (<c>goroutine DIGITS … [ … ]:</c>).</summary>
    public static bool Looks(ReadOnlySpan<byte> line) =>
        line.StartsWith("goroutine "u8) && line.EndsWith("]:"u8) && line.Length > 13 && char.IsAsciiDigit((char)line[10]);

    /// <summary>Parses a header; the error (null when none) says what is wrong, for the caller to report with the line.</summary>
    public static string? TryParse(ReadOnlySpan<byte> line, out TracebackHeader header)
    {
        header = default;
        var rest = line["goroutine ".Length..];
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit((char)rest[digits])) digits++;
        if (!Utf8Parser.TryParse(rest[..digits], out ulong id, out _) || id > long.MaxValue)
            return $"goroutine id {Text(rest[..digits])} is out of range";
        header.Id = (long)id;
        var open = rest.IndexOf(" ["u8);
        if (open < 0) return "expected 'goroutine ID [STATE]:'";
        var inside = rest[(open + 2)..^2];
        var comma = inside.IndexOf(", "u8);
        var words = comma < 0 ? inside : inside[..comma];
        // Marks after the wait reason, in the order goroutineheader may print them.
        while (true)
        {
            if (words.EndsWith(" (scan)"u8)) words = words[..^" (scan)".Length];
            else if (words.EndsWith(" (leaked)"u8)) { words = words[..^" (leaked)".Length]; header.Leaked = true; }
            else break;
        }
        if (words.IsEmpty) return "the state between [ and ] is empty";
        header.StateWords = words;
        var parts = comma < 0 ? ReadOnlySpan<byte>.Empty : inside[(comma + 2)..];
        while (!parts.IsEmpty)
        {
            var next = parts.IndexOf(", "u8);
            var part = next < 0 ? parts : parts[..next];
            parts = next < 0 ? ReadOnlySpan<byte>.Empty : parts[(next + 2)..];
            if (part.SequenceEqual("locked to thread"u8)) header.LockedToThread = true;
            else if (part.EndsWith(" minutes"u8))
            {
                if (!Utf8Parser.TryParse(part[..^" minutes".Length], out int minutes,
                    out var used) || used != part.Length - " minutes".Length || minutes < 0)
                    return $"wait of '{Text(part)}' is not a number of minutes Go could print";
                header.WaitMinutes = minutes;
            }
        }
        return null;
    }

    private static string Text(ReadOnlySpan<byte> bytes) =>
        System.Text.Encoding.UTF8.GetString(bytes.Length > 40 ? bytes[..40] : bytes) + (bytes.Length > 40 ? "…" : "");
}

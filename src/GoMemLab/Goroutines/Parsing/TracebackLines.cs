using System.Buffers.Text;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// The two lines of a traceback frame (src/runtime/traceback.go, <c>traceback2</c> / <c>gentraceback</c>):
/// <c>FUNCTION(ARGUMENTS)</c> — <c>(...)</c> for an inlined frame, <c>panic(…)</c> for runtime.gopanic — then
/// <c>\tFILE:LINE</c> with <c> +0xOFFSET</c> for physical frames and <c> fp=… sp=… pc=…</c> at GOTRACEBACK=system.
/// </summary>
internal static class TracebackLines
{
    /// <summary>Splits <c>F(ARGS)</c> at the last '(' (arguments hold no parentheses; names like <c>main.(*T).m</c> do).</summary>
    public static bool TrySplitFrame(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> function, out ReadOnlySpan<byte> arguments)
    {
        function = arguments = default;
        if (line.Length < 3 || line[^1] != (byte)')') return false;
        var open = line.LastIndexOf((byte)'(');
        if (open <= 0) return false;
        function = line[..open];
        arguments = line[(open + 1)..^1];
        return true;
    }

    /// <summary>
    /// Parses <c>\tFILE:LINE[ +0xN][ fp=… sp=… pc=…]</c> (the tab already removed). The line number follows the last
    /// colon (the tail after it holds none), so Windows paths (<c>C:/…</c>) and paths with spaces read correctly.
    /// </summary>
    public static bool TryParseFileLine(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> file, out int line)
    {
        file = default;
        line = 0;
        var colon = text.LastIndexOf((byte)':');
        if (colon <= 0) return false;
        var i = colon + 1;
        long value = 0;
        for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
        {
            value = value * 10 + (text[i] - '0');
            if (value > int.MaxValue) return false;
        }
        if (i == colon + 1 || (i < text.Length && text[i] != (byte)' ')) return false;
        line = (int)value;
        file = text[..colon];
        return true;
    }

    /// <summary><c>created by F</c> or, Go 1.21+, <c>created by F in goroutine N</c>.</summary>
    public static bool TryParseCreatedBy(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> function, out long creator)
    {
        creator = 0;
        function = line["created by ".Length..];
        var marker = function.LastIndexOf(" in goroutine "u8);
        if (marker >= 0)
        {
            if (!Utf8Parser.TryParse(function[(marker + " in goroutine ".Length)..], out ulong id, out var used)
                || used != function.Length - marker - " in goroutine ".Length || id > long.MaxValue)
                return false;
            creator = (long)id;
            function = function[..marker];
        }
        return !function.IsEmpty;
    }

    /// <summary>Go before 1.21 prints this after 100 frames: the outermost frames are missing.</summary>
    public static bool IsOldElision(ReadOnlySpan<byte> line) => line.SequenceEqual("...additional frames elided..."u8);

    /// <summary>Go 1.21+ prints <c>...N frames elided...</c> between the innermost and the outermost frames, which are both
    /// shown.</summary>
    public static bool IsMiddleElision(ReadOnlySpan<byte> line) =>
        line.StartsWith("..."u8) && line.EndsWith(" frames elided..."u8) && line.Length > 20;
}

using System.Text;
using GoMemLab.Inputs;

namespace GoMemLab.Escape;

/// <summary>
/// Reads the text the compiler prints under <c>go build -gcflags=-m</c> or <c>-m=2</c> (stderr):
/// <c># package</c> headers, <c>file:line:col: message</c> diagnostics (<c>file:line:</c> when the
/// column is above 255), and under <c>-m=2</c> the explanation lines that follow a header ending in
/// ':' (<c>  flow: …</c>, <c>    from … at …</c>, <c>  warning: …</c>) with the same position prefix.
/// Accepts LF or CRLF, relative or absolute paths, several packages, both flow arrows (<c>=</c> of
/// Go 1.19, <c>←</c> of Go 1.21+). Unknown lines become <see cref="EscapeKind.Other"/>; only a binary
/// file or text with no diagnostic at all is refused.
/// </summary>
internal static class EscapeTextReader
{
    /// <summary>
    /// Reads a log file (gzip allowed). An empty file is refused (nearly always stdout saved instead of stderr) unless
    /// <paramref name="allowEmpty"/>: then it is a package with no diagnostics.
    /// </summary>
    /// <exception cref="InputFormatException">Missing file, binary content, not a compiler log, or empty when not allowed.</exception>
    public static EscapeLog ReadFile(string path, CancellationToken cancel = default, bool allowEmpty = false)
    {
        // The model keeps the log's bytes in one array (steps are spans of it), so 2 GB is the ceiling.
        if (File.Exists(path) && new FileInfo(path).Length > Array.MaxLength)
            throw new InputFormatException(path,
                $"is over {Array.MaxLength:N0} bytes, the largest log GoMemLab reads in one piece; split it by package");
        return Read(allowEmpty ? InputFile.ReadAllBytesMaybeGzip(path) : InputFile.ReadCompilerOutput(path, "-m"), path, cancel);
    }

    /// <summary>Reads a log from its bytes; <paramref name="name"/> is used in errors and as <see cref="EscapeLog.Source"/>.</summary>
    // Runs once per log over millions of lines: optimise at first JIT instead of starting unoptimised.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static EscapeLog Read(byte[] bytes, string name, CancellationToken cancel = default)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 1 << 16));
        var nul = head.IndexOf((byte)0);
        if (nul >= 0)
            throw new InputFormatException(name, "is binary (NUL byte), expected the text of go build -gcflags=-m", offset: nul);

        var builder = new EscapeLogBuilder();
        builder.ReserveSteps(bytes.AsSpan().Count((byte)'\n') + 1);
        var package = 0;
        long lineNumber = 0;
        int positioned = 0, unpositioned = 0;
        long firstUnknownLine = 0;
        // Bytes of the open explanation's "file:line:col:" prefix; a step line must repeat it.
        int openPrefixStart = -1, openPrefixLength = 0;
        var span = bytes.AsSpan();
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = span[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? bytes.Length : start + newline;
            var next = end + 1;
            if ((++lineNumber & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
            if (end > start && bytes[end - 1] == '\r') end--;
            var line = span[start..end];
            if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) { start = next; continue; }

            if (line[0] == '#' && line.Length > 1 && line[1] == ' ')
            {
                package = builder.InternPackage(Encoding.UTF8.GetString(line[2..]).Trim());
                openPrefixStart = -1;
                start = next;
                continue;
            }

            var separator = line.IndexOf(": "u8);
            if (separator > 0 && line.Length > separator + 3 && line[separator + 2] == ' ' && line[separator + 3] == ' '
                && openPrefixStart >= 0 && builder.OpenExplanation >= 0
                && line[..separator].SequenceEqual(span.Slice(openPrefixStart, openPrefixLength)))
            {
                var stepStart = start + separator + 2;
                var content = span[stepStart..end].TrimStart((byte)' ');
                var kind = content.StartsWith("flow: "u8) ? FlowStepKind.Flow
                    : content.StartsWith("from "u8) ? FlowStepKind.From : FlowStepKind.Note;
                builder.AddStep(stepStart, end - stepStart, kind);
                positioned++;
                start = next;
                continue;
            }

            if (separator > 0 && TryParsePrefix(line[..separator], out var fileEnd, out var lineNo, out var column))
            {
                var file = builder.InternFile(line[..fileEnd]);
                var message = Encoding.UTF8.GetString(line[(separator + 2)..]);
                positioned++;
                if (message.StartsWith("  ", StringComparison.Ordinal))
                {
                    builder.AddOther(package, file, lineNo, column, message, lineNumber);
                    openPrefixStart = -1;
                }
                else
                {
                    builder.Add(package, file, lineNo, column, message, lineNumber);
                    openPrefixStart = builder.OpenExplanation >= 0 ? start : -1;
                    openPrefixLength = separator;
                }
                start = next;
                continue;
            }

            unpositioned++;
            if (firstUnknownLine == 0) firstUnknownLine = lineNumber;
            builder.AddOther(package, 0, 0, 0, Encoding.UTF8.GetString(line), lineNumber);
            openPrefixStart = -1;
            start = next;
        }

        if (positioned == 0 && unpositioned > 0)
            throw new InputFormatException(name,
                "has no file:line:col: diagnostics; expected the output of go build -gcflags=-m (or -m=2)", line: firstUnknownLine);
        return builder.Build(name, bytes, unpositioned);
    }

    // "path:line:col" or "path:line", numbers taken from the end because paths may hold colons.
    private static bool TryParsePrefix(ReadOnlySpan<byte> prefix, out int fileEnd, out int line, out int column)
    {
        fileEnd = 0; line = 0; column = 0;
        var last = prefix.LastIndexOf((byte)':');
        if (last <= 0 || !TryDigits(prefix[(last + 1)..], out var n)) return false;
        var rest = prefix[..last];
        var previous = rest.LastIndexOf((byte)':');
        if (previous > 0 && TryDigits(rest[(previous + 1)..], out var l))
        {
            fileEnd = previous; line = l; column = n;
            return true;
        }
        fileEnd = last; line = n;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9) return false;
        foreach (var c in digits)
        {
            if (c is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}

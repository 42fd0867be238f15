using System.Text;
using GoMemLab.Inputs;

namespace GoMemLab.AssemblyListings;

/// <summary>
/// Reads the output of <c>go build -gcflags=-S</c> (or <c>go tool compile -S</c>) and keeps the
/// calls to runtime allocation functions (<see cref="AllocationFunctions"/>). A function starts at a
/// header line <c>SYMBOL STEXT size=…</c>; its instructions look like
/// <c>\t0x0025 00037 (/path/file.go:26)\tCALL\truntime.newobject(SB)</c>. Data symbols
/// (<c>SRODATA</c>, …) and their hex dumps are skipped. The implementation behind <see cref="AssemblyListing.Load"/>.
/// </summary>
internal static class AssemblyListingReader
{
    // A cancel is seen within this many lines: about a megabyte of listing.
    private const int CancelCheckLines = 1 << 15;

    public static IReadOnlyList<AllocationCall> Read(byte[] bytes, string name, CancellationToken cancel)
    {
        var nul = bytes.AsSpan(0, Math.Min(bytes.Length, 1 << 16)).IndexOf((byte)0);
        if (nul >= 0) throw new InputFormatException(name, "is binary (NUL byte), expected the text of go build -gcflags=-S", offset: nul);
        var calls = new List<AllocationCall>();
        string package = "", function = "";
        var inText = false;
        var functions = 0;
        var nonBlank = 0;
        long number = 0;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var raw in text.Split('\n'))
        {
            if (++number % CancelCheckLines == 0) cancel.ThrowIfCancellationRequested();
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            nonBlank++;
            if (line.StartsWith("# ", StringComparison.Ordinal)) { package = line[2..].Trim(); continue; }
            if (line[0] != '\t' && line[0] != ' ')
            {
                var stext = line.IndexOf(" STEXT", StringComparison.Ordinal);
                inText = stext > 0;
                if (inText) { function = line[..stext]; functions++; }
                continue;
            }
            if (!inText) continue;
            var call = line.IndexOf("\tCALL\t", StringComparison.Ordinal);
            if (call < 0) continue;
            var target = line.AsSpan(call + 6).Trim();
            if (!target.StartsWith("runtime.")) continue;
            var paren = target.IndexOf('(');
            var callee = (paren > 0 ? target[8..paren] : target[8..]).ToString();
            if (!AllocationFunctions.IsAllocation(callee)) continue;
            var open = line.IndexOf('(');
            var close = open < 0 ? -1 : line.IndexOf(')', open);
            if (close < 0 || !TryPosition(line.AsSpan(open + 1, close - open - 1), out var file, out var lineNo)) continue;
            file = files.TryGetValue(file, out var interned) ? interned : files[file] = file;
            var pc = ParsePc(line.AsSpan().TrimStart());
            calls.Add(new AllocationCall(package, function, file, lineNo, callee, pc, number));
        }
        if (functions == 0 && nonBlank > 0 && !text.Split('\n').All(l => l.Length == 0 || l.StartsWith("# ", StringComparison.Ordinal)))
            throw new InputFormatException(name, "has no \"SYMBOL STEXT\" function headers; expected the output of go build -gcflags=-S");
        return calls;
    }

    private static bool TryPosition(ReadOnlySpan<char> text, out string file, out int line)
    {
        file = ""; line = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out line)) return false;
        file = text[..colon].ToString();
        return true;
    }

    private static int ParsePc(ReadOnlySpan<char> instruction) =>
        instruction.StartsWith("0x") && instruction.Length >= 6
        && int.TryParse(instruction[2..6], System.Globalization.NumberStyles.HexNumber, null, out var pc) ? pc : 0;
}

using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Symbols;
using GoMemLab.Inputs;

namespace GoMemLab.HeapDumps;

// Naming roots from the program's binary.
public sealed partial class HeapDump
{
    /// <summary>The data and bss segments as the dump recorded them (address and length); null when a record is missing.</summary>
    public DumpSegment? DataSegment { get; private init; }

    /// <inheritdoc cref="DataSegment"/>
    public DumpSegment? BssSegment { get; private init; }

    /// <summary>
    /// Names global roots by the ELF symbols of <paramref name="binaryPath"/>, the program that wrote the dump
    /// (<c>main.sessions</c>, <c>main.cache+0x8</c>; a word no symbol covers keeps <c>data+0x…</c>), and finalizers by
    /// their function. Returns null, or a note when the binary is stripped (the roots keep their segment names).
    /// Throws <see cref="InputFormatException"/> naming the binary when it is not ELF or does not match the dump: its
    /// runtime.data/edata and runtime.bss/ebss must be the dump's segments (shifted alike for a position-independent one).
    /// </summary>
    public string? NameRootsWith(string binaryPath)
    {
        var symbols = ElfSymbols.Read(binaryPath);
        if (symbols.IsStripped)
            return $"{binaryPath} has no symbol table (built with -ldflags=-s?): globals keep their data+0x…/bss+0x… names";
        var slide = MatchSegments(binaryPath, symbols);
        var renamed = Roots.Roots.Select(root => root.Kind switch
        {
            RootKind.Global => root with { Name = symbols.NameData(root.Address - slide) ?? root.Name },
            RootKind.Finalizer when symbols.NameFunction(root.FunctionPc - slide) is { } function =>
                root with { Name = $"{(root.Queued ? "queued finalizer" : "finalizer")} on 0x{root.Address:x} ({function})" },
            _ => root,
        }).ToList();
        Roots.Roots = renamed;
        return null;
    }

    // The offset between the binary's addresses and the dump's (0 unless the binary is position-independent).
    private ulong MatchSegments(string binaryPath, ElfSymbols symbols)
    {
        ulong? slide = null;
        foreach (var (segment, start, end) in new[] { (DataSegment, "runtime.data", "runtime.edata"), (BssSegment, "runtime.bss",
            "runtime.ebss") })
        {
            if (segment is null) continue;
            if (symbols.Marker(start) is not { } from || symbols.Marker(end) is not { } to)
                throw new InputFormatException(binaryPath, $"is not a Go binary with a symbol table: it has no {start}/{end} symbols");
            var delta = segment.Address - from;
            if (to - from != segment.Length || (slide is { } s && s != delta))
                throw new InputFormatException(binaryPath,
                    $"does not match the dump {Source}: its {segment.Name} segment is 0x{from:x}-0x{to:x} ({to - from:N0} bytes) but "
                        + $"the dump's is "
                    + $"0x{segment.Address:x}-0x{segment.Address + segment.Length:x} ({segment.Length:N0} bytes); give the binary of "
                    + $"the program that wrote the dump");
            slide = delta;
        }
        return slide ?? 0;
    }
}

using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using GoMemLab.Inputs;

namespace GoMemLab.HeapDumps.Symbols;

/// <summary>
/// The symbol table of a Go program's ELF binary (read with ELFSharp): data symbols to name global roots, function
/// symbols to name finalizers, and the linker's segment markers (runtime.data, runtime.edata, runtime.bss, runtime.ebss)
/// that tell whether the binary is the one that wrote a dump. A stripped binary (no .symtab) has <see cref="IsStripped"/>.
/// </summary>
internal sealed class ElfSymbols
{
    private readonly ulong[] _dataStart;
    private readonly ulong[] _dataEnd;
    private readonly string[] _dataName;
    private readonly ulong[] _funcStart;
    private readonly ulong[] _funcEnd;
    private readonly string[] _funcName;
    private readonly Dictionary<string, ulong> _markers;

    private ElfSymbols(List<(ulong Start, ulong End, string Name)> data, List<(ulong Start, ulong End, string Name)> functions,
        Dictionary<string, ulong> markers, bool stripped)
    {
        data.Sort((a, b) => a.Start.CompareTo(b.Start));
        functions.Sort((a, b) => a.Start.CompareTo(b.Start));
        _dataStart = data.Select(d => d.Start).ToArray();
        _dataEnd = data.Select(d => d.End).ToArray();
        _dataName = data.Select(d => d.Name).ToArray();
        _funcStart = functions.Select(d => d.Start).ToArray();
        _funcEnd = functions.Select(d => d.End).ToArray();
        _funcName = functions.Select(d => d.Name).ToArray();
        _markers = markers;
        IsStripped = stripped;
    }

    public bool IsStripped { get; }

    /// <summary>The address of a linker marker symbol such as <c>runtime.data</c>, when the table has it.</summary>
    public ulong? Marker(string name) => _markers.TryGetValue(name, out var v) ? v : null;

    /// <summary>Reads the symbols of <paramref name="path"/>; throws <see cref="InputFormatException"/> for a file that is not a readable
    /// ELF binary.</summary>
    public static ElfSymbols Read(string path)
    {
        using (InputFile.OpenRead(path)) { }
        IELF elf;
        try
        {
            if (!ELFReader.TryLoad(path, out elf))
                throw new InputFormatException(path,
                    "is not an ELF binary (Linux executables are; build the program on Linux, without -s)", 0);
        }
        catch (Exception e) when (e is not InputFormatException)
        {
            throw new InputFormatException(path, $"is not a readable ELF binary ({e.Message.TrimEnd('.')})", 0, inner: e);
        }
        using (elf)
        {
            var data = new List<(ulong, ulong, string)>();
            var functions = new List<(ulong, ulong, string)>();
            var markers = new Dictionary<string, ulong>(StringComparer.Ordinal);
            if (!elf.TryGetSection(".symtab", out var section) || section is not ISymbolTable table)
                return new ElfSymbols(data, functions, markers, stripped: true);
            foreach (var entry in table.Entries)
            {
                var (value, size) = entry switch
                {
                    SymbolEntry<ulong> e64 => (e64.Value, e64.Size),
                    SymbolEntry<uint> e32 => ((ulong)e32.Value, (ulong)e32.Size),
                    _ => (0UL, 0UL),
                };
                if (string.IsNullOrEmpty(entry.Name) || value == 0) continue;
                if (entry.Name is "runtime.data" or "runtime.edata" or "runtime.bss" or "runtime.ebss" or "runtime.noptrdata" or
                    "runtime.enoptrdata")
                    markers[entry.Name] = value;
                if (entry.Type == SymbolType.Object && size > 0) data.Add((value, value + size, entry.Name));
                else if (entry.Type == SymbolType.Function) functions.Add((value, value + Math.Max(size, 1), entry.Name));
            }
            return new ElfSymbols(data, functions, markers, stripped: false);
        }
    }

    /// <summary><c>symbol</c> or <c>symbol+0xOFFSET</c> for a data address, or null when no data symbol covers it.</summary>
    public string? NameData(ulong address) => Name(address, _dataStart, _dataEnd, _dataName);

    /// <summary>The function containing a code address, or null.</summary>
    public string? NameFunction(ulong pc)
    {
        var i = Array.BinarySearch(_funcStart, pc);
        if (i < 0) i = ~i - 1;
        return i >= 0 && pc < _funcEnd[i] ? _funcName[i] : null;
    }

    private static string? Name(ulong address, ulong[] starts, ulong[] ends, string[] names)
    {
        var i = Array.BinarySearch(starts, address);
        if (i < 0) i = ~i - 1;
        if (i < 0 || address >= ends[i]) return null;
        var offset = address - starts[i];
        return offset == 0 ? names[i] : $"{names[i]}+0x{offset:x}";
    }
}

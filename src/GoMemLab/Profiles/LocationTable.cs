namespace GoMemLab.Profiles;

/// <summary>
/// The locations (program counters) of a profile, one row per pprof <c>Location</c>, addressed by index.
/// Each location has zero or more source lines: more than one when calls were inlined there. Lines are
/// ordered like pprof's: index 0 is the innermost inlined callee, the last line is the function the
/// machine code belongs to (its caller chain's physical frame). A location without lines is unsymbolized.
/// </summary>
public sealed class LocationTable
{
    internal readonly ulong[] Ids;
    internal readonly int[] MappingIndexes;
    internal readonly ulong[] Addresses;
    internal readonly bool[] Folded;
    /// <summary>Lines of location i are LineFunction[LineStart[i]..LineStart[i+1]).</summary>
    internal readonly int[] LineStart;
    internal readonly int[] LineFunction;
    internal readonly long[] LineNumbers;
    internal readonly long[] LineColumns;
    private Dictionary<ulong, int>? _indexById;

    internal LocationTable(ulong[] ids, int[] mappingIndexes, ulong[] addresses, bool[] folded,
        int[] lineStart, int[] lineFunction, long[] lineNumbers, long[] lineColumns)
    {
        Ids = ids;
        MappingIndexes = mappingIndexes;
        Addresses = addresses;
        Folded = folded;
        LineStart = lineStart;
        LineFunction = lineFunction;
        LineNumbers = lineNumbers;
        LineColumns = lineColumns;
    }

    public int Count => Ids.Length;
    public ulong Id(int location) => Ids[location];

    /// <summary>Index into <see cref="Profile.Mappings"/>, or -1 when the location has no mapping.</summary>
    public int MappingIndex(int location) => MappingIndexes[location];
    public ulong Address(int location) => Addresses[location];
    public bool IsFolded(int location) => Folded[location];
    public int LineCount(int location) => LineStart[location + 1] - LineStart[location];

    /// <summary>Line <paramref name="k"/> of a location (0 = innermost inlined frame).</summary>
    public LocationLine Line(int location, int k)
    {
        var at = LineStart[location] + k;
        if ((uint)k >= (uint)LineCount(location)) throw new ArgumentOutOfRangeException(nameof(k));
        return new LocationLine(LineFunction[at], LineNumbers[at], LineColumns[at]);
    }

    /// <summary>The index of the location with pprof id <paramref name="id"/>, or -1.</summary>
    public int IndexOfId(ulong id)
    {
        _indexById ??= FunctionTable.BuildIndex(Ids);
        return _indexById.TryGetValue(id, out var index) ? index : -1;
    }
}

/// <summary>One source line of a location: a function index (-1 when the line names no function), line and column (0 = unknown).</summary>
public readonly record struct LocationLine(int FunctionIndex, long Line, long Column);

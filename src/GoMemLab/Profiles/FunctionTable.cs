namespace GoMemLab.Profiles;

/// <summary>
/// The functions of a profile, one row per pprof <c>Function</c>, addressed by index (0..Count-1).
/// Names are as the runtime reported them (e.g. <c>example.com/leaky/internal/cache.(*Cache).Put</c>);
/// <see cref="FileName"/> is the source path as recorded in the binary (not cleaned or trimmed).
/// <see cref="StartLine"/> is 0 when unknown (Go 1.19 does not record it).
/// </summary>
public sealed class FunctionTable
{
    internal readonly ulong[] Ids;
    internal readonly string[] Names;
    internal readonly string[] SystemNames;
    internal readonly string[] FileNames;
    internal readonly long[] StartLines;
    private Dictionary<ulong, int>? _indexById;

    internal FunctionTable(ulong[] ids, string[] names, string[] systemNames, string[] fileNames, long[] startLines)
    {
        Ids = ids;
        Names = names;
        SystemNames = systemNames;
        FileNames = fileNames;
        StartLines = startLines;
    }

    public int Count => Ids.Length;
    public ulong Id(int function) => Ids[function];
    public string Name(int function) => Names[function];
    public string SystemName(int function) => SystemNames[function];
    public string FileName(int function) => FileNames[function];
    public long StartLine(int function) => StartLines[function];

    /// <summary>The index of the function with pprof id <paramref name="id"/>, or -1.</summary>
    public int IndexOfId(ulong id)
    {
        _indexById ??= BuildIndex(Ids);
        return _indexById.TryGetValue(id, out var index) ? index : -1;
    }

    internal static Dictionary<ulong, int> BuildIndex(ulong[] ids)
    {
        var map = new Dictionary<ulong, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++) map.TryAdd(ids[i], i);
        return map;
    }
}

using GoMemLab.Profiles;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// What every goroutine reader fills: distinct frames, distinct stacks, stack records and (debug=2) the
/// goroutines, interned as they arrive so that memory follows the number of distinct stacks, not goroutines.
/// </summary>
internal sealed class DumpBuilder
{
    private readonly ByteInterner _functionNames = new();
    private readonly ByteInterner _fileNames = new();
    private readonly GrowableArray<int> _frameFunction = new(256);
    private readonly GrowableArray<int> _frameFile = new(256);
    private readonly GrowableArray<int> _frameLine = new(256);
    private readonly Dictionary<(int Function, int File, int Line), int> _frameIndex = [];
    // The last frame seen per function: consecutive goroutines repeat the same frames, so most lookups end here.
    private int[] _lastFrameOfFunction = new int[256];

    private readonly GrowableArray<int> _stackFrames = new(1024);
    private readonly GrowableArray<int> _stackStarts = new(64);
    private readonly GrowableArray<bool> _stackTruncated = new(64);
    private readonly GrowableArray<int> _stackHashes = new(64);
    private int[] _stackSlots = new int[256];

    private readonly GrowableArray<long> _recordCounts = new(64);
    private readonly GrowableArray<int> _recordStacks = new(64);
    private readonly GrowableArray<string> _recordLabels = new(64);

    public DumpBuilder() => _stackStarts.Add(0);

    public GoroutineColumns? Goroutines { get; private set; }

    public GoroutineColumns StartGoroutines(int capacity) => Goroutines ??= new GoroutineColumns(capacity);

    public int FrameCount => _frameLine.Count;

    public int StackCount => _stackTruncated.Count;

    public int Frame(ReadOnlySpan<byte> function, ReadOnlySpan<byte> file, int line)
    {
        var functionId = _functionNames.Intern(function);
        if (functionId < _lastFrameOfFunction.Length)
        {
            var last = _lastFrameOfFunction[functionId] - 1;
            if (last >= 0 && _frameLine[last] == line && _fileNames.Bytes(_frameFile[last]).SequenceEqual(file)) return last;
        }
        return Frame(functionId, _fileNames.Intern(file), line);
    }

    public int Frame(string function, string file, int line) =>
        Frame(System.Text.Encoding.UTF8.GetBytes(function), System.Text.Encoding.UTF8.GetBytes(file), line);

    private int Frame(int functionId, int fileId, int line)
    {
        if (!_frameIndex.TryGetValue((functionId, fileId, line), out var frame))
        {
            frame = _frameLine.Count;
            _frameFunction.Add(functionId);
            _frameFile.Add(fileId);
            _frameLine.Add(line);
            _frameIndex.Add((functionId, fileId, line), frame);
        }
        if (functionId >= _lastFrameOfFunction.Length)
            Array.Resize(ref _lastFrameOfFunction, Math.Max(functionId + 1, _lastFrameOfFunction.Length * 2));
        _lastFrameOfFunction[functionId] = frame + 1;
        return frame;
    }

    public string FunctionOf(int frame) => _functionNames[_frameFunction[frame]];

    public bool SamePosition(int frame, int other) => _frameFile[frame] == _frameFile[other] && _frameLine[frame] == _frameLine[other];

    /// <summary>The stack index of these frames (innermost first) cut or not, adding it when new.</summary>
    public int Stack(ReadOnlySpan<int> frames, bool truncated)
    {
        var hash = Hash(frames, truncated);
        var mask = _stackSlots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _stackSlots[slot];
            if (entry == 0)
            {
                var stack = _stackTruncated.Count;
                _stackFrames.AddRange(frames);
                _stackStarts.Add(_stackFrames.Count);
                _stackTruncated.Add(truncated);
                _stackHashes.Add(hash);
                _stackSlots[slot] = stack + 1;
                if (StackCount * 2 > _stackSlots.Length) RehashStacks();
                return stack;
            }
            var candidate = entry - 1;
            if (_stackHashes[candidate] == hash && _stackTruncated[candidate] == truncated
                && _stackFrames.Span[_stackStarts[candidate].._stackStarts[candidate + 1]].SequenceEqual(frames))
                return candidate;
        }
    }

    public void AddRecord(int stack, long count, string labels)
    {
        _recordStacks.Add(stack);
        _recordCounts.Add(count);
        _recordLabels.Add(labels);
    }

    public FrameTable BuildFrames()
    {
        var count = _frameLine.Count;
        var functions = new string[count];
        var files = new string[count];
        for (var i = 0; i < count; i++)
        {
            functions[i] = _functionNames[_frameFunction[i]];
            files[i] = _fileNames[_frameFile[i]];
        }
        return new FrameTable(functions, files, _frameLine.Span.ToArray());
    }

    public StackTable BuildStacks(FrameTable frames)
    {
        var count = StackCount;
        var starts = _stackStarts.Span.ToArray();
        var all = _stackFrames.Span.ToArray();
        var truncated = _stackTruncated.Span.ToArray();
        var keys = new string[count];
        var names = new List<string>();
        for (var s = 0; s < count; s++)
        {
            names.Clear();
            for (var i = starts[s]; i < starts[s + 1]; i++) names.Add(frames.Function(all[i]));
            keys[s] = StartFunction.Key(names, truncated[s]);
        }
        return new StackTable(starts, all, truncated, keys);
    }

    public IReadOnlyList<StackRecord> BuildRecords()
    {
        var records = new StackRecord[_recordCounts.Count];
        for (var i = 0; i < records.Length; i++) records[i] = new StackRecord(_recordStacks[i], _recordCounts[i], _recordLabels[i]);
        return records;
    }

    private static int Hash(ReadOnlySpan<int> frames, bool truncated)
    {
        var h = (uint)frames.Length * 2654435761u ^ (truncated ? 0x9e3779b9u : 0);
        foreach (var f in frames) h = (h ^ (uint)f) * 16777619u + 0x7feb352du;
        h ^= h >> 15;
        return (int)(h & 0x7fffffff);
    }

    private void RehashStacks()
    {
        _stackSlots = new int[_stackSlots.Length * 2];
        var mask = _stackSlots.Length - 1;
        for (var s = 0; s < StackCount; s++)
        {
            var slot = _stackHashes[s] & mask;
            while (_stackSlots[slot] != 0) slot = (slot + 1) & mask;
            _stackSlots[slot] = s + 1;
        }
    }
}

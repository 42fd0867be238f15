using GoMemLab.Profiles;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>The per-goroutine columns a debug=2 reader appends to, one goroutine at a time.</summary>
internal sealed class GoroutineColumns(int capacity)
{
    private readonly GrowableArray<long> _ids = new(capacity);
    private readonly GrowableArray<int> _stacks = new(capacity);
    private readonly GrowableArray<byte> _states = new(capacity);
    private readonly GrowableArray<int> _stateTexts = new(capacity);
    private readonly GrowableArray<int> _waitMinutes = new(capacity);
    private readonly GrowableArray<byte> _flags = new(capacity);
    private readonly GrowableArray<int> _createdBy = new(capacity);
    private readonly GrowableArray<long> _creatorIds = new(capacity);
    private readonly GrowableArray<long> _lines = new(capacity);
    private readonly GrowableArray<long> _argumentStarts = new(capacity + 1);
    private readonly GrowableArray<byte> _arguments = new(capacity * 16);
    private readonly ByteInterner _stateNames = new();
    private readonly List<GoroutineState> _stateOfName = [];

    public int Count => _ids.Count;

    /// <summary>Interns a state's words (already stripped of its marks) and returns their id.</summary>
    public int StateText(ReadOnlySpan<byte> words)
    {
        var id = _stateNames.Intern(words);
        if (id == _stateOfName.Count) _stateOfName.Add(GoroutineStateText.Parse(_stateNames[id]));
        return id;
    }

    public void AppendArguments(ReadOnlySpan<byte> arguments)
    {
        if (_argumentStarts.Count == 0) _argumentStarts.Add(0);
        _arguments.AddRange(arguments);
        _arguments.Add((byte)'\n');
    }

    /// <summary>Drops the arguments appended since the last <see cref="Add"/> (a record that is not kept).</summary>
    public void DiscardArguments()
    {
        if (_argumentStarts.Count > 0) _arguments.Truncate((int)_argumentStarts[_argumentStarts.Count - 1]);
    }

    /// <summary>Removes the arguments of frame <paramref name="frame"/> (0 = innermost) of the goroutine being read.</summary>
    public void DropPendingArguments(int frame)
    {
        var start = _argumentStarts.Count == 0 ? 0 : (int)_argumentStarts[_argumentStarts.Count - 1];
        var pending = _arguments.Span[start..];
        for (var k = 0; k < frame; k++)
        {
            var end = pending.IndexOf((byte)'\n');
            if (end < 0) return;
            start += end + 1;
            pending = pending[(end + 1)..];
        }
        var length = pending.IndexOf((byte)'\n') + 1;
        if (length == 0) return;
        pending[length..].CopyTo(pending);
        _arguments.Truncate(_arguments.Count - length);
    }

    public void Add(long id, int stack, int stateText, int waitMinutes, byte flags, int createdBy, long creatorId, long line)
    {
        if (_argumentStarts.Count == 0) _argumentStarts.Add(0);
        _ids.Add(id);
        _stacks.Add(stack);
        _states.Add((byte)_stateOfName[stateText]);
        _stateTexts.Add(stateText);
        _waitMinutes.Add(waitMinutes);
        _flags.Add(flags);
        _createdBy.Add(createdBy);
        _creatorIds.Add(creatorId);
        _lines.Add(line);
        _argumentStarts.Add(_arguments.Count);
    }

    public long IdAt(int index) => _ids[index];

    public long LineAt(int index) => _lines[index];

    public int StackAt(int index) => _stacks[index];

    public GoroutineTable Build()
    {
        if (_argumentStarts.Count == 0) _argumentStarts.Add(0);
        var names = new string[_stateNames.Count];
        for (var i = 0; i < names.Length; i++) names[i] = _stateNames[i];
        return new GoroutineTable(Count, _ids.Detach(), _stacks.Detach(), _states.Detach(), _stateTexts.Detach(), names,
            _waitMinutes.Detach(), _flags.Detach(), _createdBy.Detach(), _creatorIds.Detach(), _lines.Detach(),
            _argumentStarts.Detach(), _arguments.Detach());
    }
}

using System.Collections;
using System.Text;

namespace GoMemLab.Goroutines;

/// <summary>
/// Every goroutine of a debug=2 dump or traceback, stored as columns so a million goroutines cost a few
/// arrays rather than a million objects; <see cref="this[int]"/> builds the <see cref="Goroutine"/> view of one.
/// Dump order is kept. The frames' arguments (<c>main.recv(0xc000012060)</c>) are kept as Go printed them.
/// </summary>
public sealed class GoroutineTable : IReadOnlyList<Goroutine>
{
    internal const byte LockedFlag = 1, LeakedFlag = 2, StackUnavailableFlag = 4;

    private readonly long[] _ids;
    private readonly int[] _stacks;
    private readonly byte[] _states;
    private readonly int[] _stateTexts;
    private readonly string[] _stateStrings;
    private readonly int[] _waitMinutes;
    private readonly byte[] _flags;
    private readonly int[] _createdBy;
    private readonly long[] _creatorIds;
    private readonly long[] _lines;
    private readonly long[] _argumentStarts;
    private readonly byte[] _arguments;
    private Dictionary<long, int>? _byId;

    internal GoroutineTable(int count, long[] ids, int[] stacks, byte[] states, int[] stateTexts, string[] stateStrings, int[] waitMinutes,
        byte[] flags, int[] createdBy, long[] creatorIds, long[] lines, long[] argumentStarts, byte[] arguments)
    {
        Count = count;
        _ids = ids;
        _stacks = stacks;
        _states = states;
        _stateTexts = stateTexts;
        _stateStrings = stateStrings;
        _waitMinutes = waitMinutes;
        _flags = flags;
        _createdBy = createdBy;
        _creatorIds = creatorIds;
        _lines = lines;
        _argumentStarts = argumentStarts;
        _arguments = arguments;
    }

    public int Count { get; }

    public Goroutine this[int index] => new(_ids[index], (GoroutineState)_states[index], _stateStrings[_stateTexts[index]],
        _waitMinutes[index], (_flags[index] & LockedFlag) != 0, (_flags[index] & LeakedFlag) != 0, _stacks[index], _createdBy[index],
        _creatorIds[index], _lines[index]);

    public long Id(int index) => _ids[index];

    public int Stack(int index) => _stacks[index];

    public GoroutineState State(int index) => (GoroutineState)_states[index];

    public string StateText(int index) => _stateStrings[_stateTexts[index]];

    public int WaitMinutes(int index) => _waitMinutes[index];

    public bool Leaked(int index) => (_flags[index] & LeakedFlag) != 0;

    public bool LockedToThread(int index) => (_flags[index] & LockedFlag) != 0;

    /// <summary>True for <c>goroutine running on other thread; stack unavailable</c>: the dump has no frames for it.</summary>
    public bool StackUnavailable(int index) => (_flags[index] & StackUnavailableFlag) != 0;

    public int CreatedBy(int index) => _createdBy[index];

    /// <summary>The index of the goroutine with id <paramref name="id"/>, or -1.</summary>
    public int IndexOf(long id)
    {
        _byId ??= BuildIndex();
        return _byId.GetValueOrDefault(id, -1);
    }

    /// <summary>
    /// The arguments of each frame of goroutine <paramref name="index"/>, innermost first, as Go printed them
    /// between the parentheses (<c>0xc000012060, 0x5</c>; <c>...</c> for inlined frames); one entry per frame of its stack.
    /// </summary>
    public IReadOnlyList<string> Arguments(int index)
    {
        var start = _argumentStarts[index];
        var end = _argumentStarts[index + 1];
        // Each frame's arguments end in '\n' (arguments never contain one).
        return end == start ? [] : Encoding.UTF8.GetString(_arguments, (int)start, (int)(end - start - 1)).Split('\n');
    }

    public IEnumerator<Goroutine> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<long, int> BuildIndex()
    {
        var index = new Dictionary<long, int>(Count);
        for (var i = 0; i < Count; i++) index[_ids[i]] = i;
        return index;
    }
}

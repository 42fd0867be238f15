namespace GoMemLab.Goroutines;

/// <summary>
/// The distinct stacks of a dump, each stored once as frame indexes into <see cref="GoroutineDump.Frames"/>,
/// innermost (where the goroutine is blocked) first. Every stack also knows its start function (see
/// <see cref="StartFunction"/>) and whether it was cut before its outermost frame.
/// </summary>
public sealed class StackTable
{
    private readonly int[] _starts;
    private readonly int[] _frames;
    private readonly bool[] _truncated;
    private readonly string[] _startKeys;

    internal StackTable(int[] starts, int[] frames, bool[] truncated, string[] startKeys)
    {
        _starts = starts;
        _frames = frames;
        _truncated = truncated;
        _startKeys = startKeys;
    }

    public int Count => _truncated.Length;

    /// <summary>The frames of <paramref name="stack"/>, innermost first, as indexes into the dump's <see cref="FrameTable"/>.</summary>
    public ReadOnlySpan<int> Frames(int stack) => _frames.AsSpan(_starts[stack], _starts[stack + 1] - _starts[stack]);

    /// <summary>
    /// True when the dump cut the stack before its outermost frame, so its start function is unknown: a
    /// protobuf or debug=1 stack that does not end in runtime.goexit (Go 1.19 records at most 32 frames),
    /// or a debug=2 stack marked <c>...additional frames elided...</c> (Go before 1.21, after 100 frames).
    /// </summary>
    public bool IsTruncated(int stack) => _truncated[stack];

    /// <summary>
    /// The start-function key of <paramref name="stack"/>: the function, <c>(truncated) F</c> when the stack was cut
    /// (F is the outermost frame shown), or <c>(no stack)</c>.
    /// </summary>
    public string StartKey(int stack) => _startKeys[stack];
}

namespace GoMemLab.Goroutines;

/// <summary>
/// The distinct frames of a dump, each stored once: stacks and creation sites refer to them by index.
/// Two frames are the same when function, file and line are (arguments and pc offsets are not part of a frame).
/// </summary>
public sealed class FrameTable
{
    private readonly string[] _functions;
    private readonly string[] _files;
    private readonly int[] _lines;

    internal FrameTable(string[] functions, string[] files, int[] lines)
    {
        _functions = functions;
        _files = files;
        _lines = lines;
    }

    public int Count => _lines.Length;

    public string Function(int frame) => _functions[frame];

    public string File(int frame) => _files[frame];

    public int Line(int frame) => _lines[frame];

    public StackFrame this[int frame] => new(_functions[frame], _files[frame], _lines[frame]);
}

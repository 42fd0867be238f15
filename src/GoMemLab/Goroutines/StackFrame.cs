namespace GoMemLab.Goroutines;

/// <summary>
/// One frame of a goroutine's stack: the function as Go names it (<c>main.(*T).Run</c>, <c>main.main.func1</c>)
/// and the source position. <see cref="Line"/> is 0 when the dump does not say (an unsymbolized address).
/// </summary>
public readonly record struct StackFrame(string Function, string File, int Line)
{
    /// <summary><c>file:line</c>, or the file alone when the line is unknown.</summary>
    public string Position => Line > 0 ? $"{File}:{Line}" : File;

    /// <summary><c>Function (file:line)</c>: how creation sites are keyed.</summary>
    public override string ToString() => File.Length == 0 ? Function : $"{Function} ({Position})";
}

namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// One goroutine of the dump with the functions of its stack frames, innermost first. <see cref="EntryFunction"/> is the
/// outermost frame below runtime.goexit: the function the goroutine was started with (runtime.main for goroutine 1,
/// whose main.main is one frame further in).
/// </summary>
public sealed record Goroutine(long Id, ulong Address, GoroutineStatus Status, bool IsSystem, string WaitReason,
    ulong WaitSince, IReadOnlyList<string> Frames)
{
    /// <summary>The outermost function below runtime.goexit, or "?" for a goroutine without frames.</summary>
    public string EntryFunction
    {
        get
        {
            for (var i = Frames.Count - 1; i >= 0; i--)
                if (Frames[i] != "runtime.goexit") return Frames[i];
            return "?";
        }
    }
}

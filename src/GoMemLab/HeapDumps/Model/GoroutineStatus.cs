namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// A goroutine's status as the dump records it (readgstatus): the values of Go's src/runtime/runtime2.go. Go 1.19's
/// dumper writes only runnable, syscall and waiting goroutines (it skips dead ones and throws on anything else).
/// <see cref="Leaked"/> (10) and <see cref="DeadExtra"/> (11) exist from Go 1.26's runtime2.go on; whether that
/// version's dumper handles a leaked goroutine is not verified here (docs/formats/heapdump.md).
/// </summary>
public enum GoroutineStatus
{
    Idle = 0,
    Runnable = 1,
    Running = 2,
    Syscall = 3,
    Waiting = 4,
    Dead = 6,
    CopyStack = 8,
    Preempted = 9,
    Leaked = 10,
    DeadExtra = 11,
}

/// <summary>Text for <see cref="GoroutineStatus"/> in tables: Go's own words (runnable, waiting…), or the number when unknown.</summary>
public static class GoroutineStatusText
{
    public static string ToText(this GoroutineStatus status) => status switch
    {
        GoroutineStatus.Idle => "idle",
        GoroutineStatus.Runnable => "runnable",
        GoroutineStatus.Running => "running",
        GoroutineStatus.Syscall => "syscall",
        GoroutineStatus.Waiting => "waiting",
        GoroutineStatus.Dead => "dead",
        GoroutineStatus.CopyStack => "copystack",
        GoroutineStatus.Preempted => "preempted",
        GoroutineStatus.Leaked => "leaked",
        GoroutineStatus.DeadExtra => "dead (extra M)",
        // The one helper whose default does not throw: the value is the dump's own number (a newer runtime may write one
        // this list lacks), and a table must show it rather than fail.
        _ => $"status {(int)status}",
    };
}

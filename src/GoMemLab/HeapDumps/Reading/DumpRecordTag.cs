namespace GoMemLab.HeapDumps.Reading;

/// <summary>
/// The record tags of the <c>go1.7 heap dump</c> format, as numbered in Go's src/runtime/heapdump.go (the same from
/// Go 1.7 to Go 1.26; checked against Go 1.19's source installed here and the current source).
/// </summary>
public enum DumpRecordTag
{
    Eof = 0,
    Object = 1,
    OtherRoot = 2,
    Type = 3,
    Goroutine = 4,
    StackFrame = 5,
    Params = 6,
    Finalizer = 7,
    Itab = 8,
    OsThread = 9,
    MemStats = 10,
    QueuedFinalizer = 11,
    Data = 12,
    Bss = 13,
    Defer = 14,
    Panic = 15,
    MemProf = 16,
    AllocSample = 17,
}

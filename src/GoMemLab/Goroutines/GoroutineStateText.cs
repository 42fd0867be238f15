namespace GoMemLab.Goroutines;

/// <summary>
/// Go's own words for each <see cref="GoroutineState"/>, and the way back. A <c>(durable)</c> wait reason
/// (goroutines in a testing/synctest bubble, Go 1.25+) maps to the plain reason it qualifies.
/// </summary>
public static class GoroutineStateText
{
    private static readonly (string Text, GoroutineState State)[] Words =
    [
        ("running", GoroutineState.Running),
        ("runnable", GoroutineState.Runnable),
        ("syscall", GoroutineState.Syscall),
        ("waiting", GoroutineState.Waiting),
        ("idle", GoroutineState.Idle),
        ("dead", GoroutineState.Dead),
        ("copystack", GoroutineState.CopyStack),
        ("preempted", GoroutineState.Preempted),
        ("exiting syscall", GoroutineState.ExitingSyscall),
        ("chan receive", GoroutineState.ChanReceive),
        ("chan send", GoroutineState.ChanSend),
        ("chan receive (nil chan)", GoroutineState.ChanReceiveNilChan),
        ("chan send (nil chan)", GoroutineState.ChanSendNilChan),
        ("select", GoroutineState.Select),
        ("select (no cases)", GoroutineState.SelectNoCases),
        ("semacquire", GoroutineState.Semacquire),
        ("sleep", GoroutineState.Sleep),
        ("sync.Cond.Wait", GoroutineState.SyncCondWait),
        ("sync.Mutex.Lock", GoroutineState.SyncMutexLock),
        ("sync.RWMutex.RLock", GoroutineState.SyncRWMutexRLock),
        ("sync.RWMutex.Lock", GoroutineState.SyncRWMutexLock),
        ("sync.WaitGroup.Wait", GoroutineState.SyncWaitGroupWait),
        ("IO wait", GoroutineState.IOWait),
        ("finalizer wait", GoroutineState.FinalizerWait),
        ("cleanup wait", GoroutineState.CleanupWait),
        ("force gc (idle)", GoroutineState.ForceGCIdle),
        ("timer goroutine (idle)", GoroutineState.TimerGoroutineIdle),
        ("GC assist marking", GoroutineState.GCAssistMarking),
        ("GC assist wait", GoroutineState.GCAssistWait),
        ("GC sweep wait", GoroutineState.GCSweepWait),
        ("GC scavenge wait", GoroutineState.GCScavengeWait),
        ("GC worker (idle)", GoroutineState.GCWorkerIdle),
        ("GC worker (active)", GoroutineState.GCWorkerActive),
        ("GC mark termination", GoroutineState.GCMarkTermination),
        ("GC weak to strong wait", GoroutineState.GCWeakToStrongWait),
        ("wait for GC cycle", GoroutineState.WaitForGCCycle),
        ("garbage collection", GoroutineState.GarbageCollection),
        ("garbage collection scan", GoroutineState.GarbageCollectionScan),
        ("dumping heap", GoroutineState.DumpingHeap),
        ("panicwait", GoroutineState.PanicWait),
        ("debug call", GoroutineState.DebugCall),
        ("trace reader (blocked)", GoroutineState.TraceReaderBlocked),
        ("trace goroutine status", GoroutineState.TraceGoroutineStatus),
        ("trace proc status", GoroutineState.TraceProcStatus),
        ("page trace flush", GoroutineState.PageTraceFlush),
        ("stopping the world", GoroutineState.StoppingTheWorld),
        ("flushing proc caches", GoroutineState.FlushProcCaches),
        ("GOMAXPROCS updater (idle)", GoroutineState.UpdateGomaxprocsIdle),
        ("coroutine", GoroutineState.Coroutine),
        ("synctest.Run", GoroutineState.SynctestRun),
        ("synctest.Wait", GoroutineState.SynctestWait),
        ("chan receive (durable)", GoroutineState.ChanReceive),
        ("chan send (durable)", GoroutineState.ChanSend),
        ("select (durable)", GoroutineState.Select),
        ("sync.WaitGroup.Wait (durable)", GoroutineState.SyncWaitGroupWait),
    ];

    private static readonly Dictionary<string, GoroutineState> ByText = Words.ToDictionary(w => w.Text, w => w.State,
        StringComparer.Ordinal);

    private static readonly Dictionary<GoroutineState, string> ByState =
        Words.GroupBy(w => w.State).ToDictionary(g => g.Key, g => g.First().Text);

    /// <summary>The state Go's words <paramref name="text"/> name, or <see cref="GoroutineState.Unknown"/>.</summary>
    public static GoroutineState Parse(string text) => ByText.GetValueOrDefault(text, GoroutineState.Unknown);

    /// <summary>Go's words for <paramref name="state"/> (the plain form for the <c>(durable)</c> ones); "unknown" for <see
    /// cref="GoroutineState.Unknown"/>.</summary>
    public static string ToText(this GoroutineState state) => ByState.GetValueOrDefault(state, "unknown");

    /// <summary>
    /// True for the states in which a goroutine can never be woken by anyone (a nil channel, an empty
    /// select): one of these is a leak whatever else the program does.
    /// </summary>
    public static bool IsBlockedForever(this GoroutineState state) =>
        state is GoroutineState.ChanReceiveNilChan or GoroutineState.ChanSendNilChan or GoroutineState.SelectNoCases;
}

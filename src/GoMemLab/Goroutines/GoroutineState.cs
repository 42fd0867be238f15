namespace GoMemLab.Goroutines;

/// <summary>
/// What a goroutine was doing when the dump was taken: the scheduler status (running, runnable, syscall…)
/// or, for a waiting goroutine, the runtime's wait reason. The words Go prints for each member are in
/// <see cref="GoroutineStateText"/>, taken from <c>gStatusStrings</c> (src/runtime/traceback.go) and
/// <c>waitReasonStrings</c> (src/runtime/runtime2.go) of Go 1.19 and of golang/go at commit 00814e7b (Go 1.26
/// development); a state no version listed there prints is <see cref="Unknown"/>, and the dump keeps its text.
/// Go 1.19 reports a blocked sync.Mutex.Lock or sync.WaitGroup.Wait as <see cref="Semacquire"/>; newer Go
/// names them (<see cref="SyncMutexLock"/>, <see cref="SyncWaitGroupWait"/>).
/// </summary>
public enum GoroutineState
{
    /// <summary>A state this version of GoMemLab does not know; the goroutine's <c>StateText</c> says what Go printed.</summary>
    Unknown,
    Running,
    Runnable,
    Syscall,
    /// <summary>Waiting without a reason given.</summary>
    Waiting,
    Idle,
    Dead,
    CopyStack,
    Preempted,
    ExitingSyscall,
    ChanReceive,
    ChanSend,
    /// <summary>Receiving from a nil channel: blocked forever.</summary>
    ChanReceiveNilChan,
    /// <summary>Sending on a nil channel: blocked forever.</summary>
    ChanSendNilChan,
    Select,
    /// <summary><c>select {}</c>: blocked forever.</summary>
    SelectNoCases,
    Semacquire,
    Sleep,
    SyncCondWait,
    SyncMutexLock,
    SyncRWMutexRLock,
    SyncRWMutexLock,
    SyncWaitGroupWait,
    IOWait,
    FinalizerWait,
    CleanupWait,
    ForceGCIdle,
    TimerGoroutineIdle,
    GCAssistMarking,
    GCAssistWait,
    GCSweepWait,
    GCScavengeWait,
    GCWorkerIdle,
    GCWorkerActive,
    GCMarkTermination,
    GCWeakToStrongWait,
    WaitForGCCycle,
    GarbageCollection,
    GarbageCollectionScan,
    DumpingHeap,
    PanicWait,
    DebugCall,
    TraceReaderBlocked,
    TraceGoroutineStatus,
    TraceProcStatus,
    PageTraceFlush,
    StoppingTheWorld,
    FlushProcCaches,
    UpdateGomaxprocsIdle,
    Coroutine,
    SynctestRun,
    SynctestWait,
}

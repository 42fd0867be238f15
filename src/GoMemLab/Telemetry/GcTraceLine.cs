namespace GoMemLab.Telemetry;

/// <summary>
/// One garbage collection as <c>GODEBUG=gctrace=1</c> prints it (Go 1.19+ layout, also the older
/// layout without stacks and globals):
/// <c>gc N @Ts P%: a+b+c ms clock, d+e/f/g+h ms cpu, S-&gt;E-&gt;L MB, G MB goal, X MB stacks, Y MB globals, N P (forced)</c>.
/// Caveats: the runtime prints heap sizes truncated to whole MiB (it shifts bytes right by 20), so a
/// live heap under 1 MiB reads 0; <c>at</c> is seconds since the program started; <c>P%</c> is the
/// runtime's cumulative GC CPU share since start, rounded down to a whole percent.
/// </summary>
public readonly record struct GcTraceLine
{
    // -1 for "not printed": keeps the struct small (a million lines are common) without long?'s extra word.
    private readonly long _stacksMb;
    private readonly long _globalsMb;

    /// <summary>The GC number N (1-based, consecutive within one process).</summary>
    public int Gc { get; init; }

    /// <summary>Seconds since program start when the GC began.</summary>
    public double AtSeconds { get; init; }

    /// <summary>Percentage of CPU time spent in GC since program start (cumulative, whole percent).</summary>
    public int CpuPercent { get; init; }

    /// <summary>Wall-clock time of the stop-the-world sweep termination phase, ms.</summary>
    public double ClockSweepTerminationMs { get; init; }

    /// <summary>Wall-clock time of the concurrent mark and scan phase, ms.</summary>
    public double ClockMarkMs { get; init; }

    /// <summary>Wall-clock time of the stop-the-world mark termination phase, ms.</summary>
    public double ClockMarkTerminationMs { get; init; }

    /// <summary>CPU time of sweep termination, ms.</summary>
    public double CpuSweepTerminationMs { get; init; }

    /// <summary>CPU time of mark assists performed by allocating goroutines, ms.</summary>
    public double CpuAssistMs { get; init; }

    /// <summary>CPU time of dedicated and fractional background mark workers, ms.</summary>
    public double CpuBackgroundMs { get; init; }

    /// <summary>CPU time of idle mark workers, ms.</summary>
    public double CpuIdleMs { get; init; }

    /// <summary>CPU time of mark termination, ms.</summary>
    public double CpuMarkTerminationMs { get; init; }

    /// <summary>Heap size (MiB) when the GC started.</summary>
    public long HeapStartMb { get; init; }

    /// <summary>Heap size (MiB) when marking ended.</summary>
    public long HeapEndMb { get; init; }

    /// <summary>Marked (live) heap (MiB) after this GC: the number a leak makes grow.</summary>
    public long HeapLiveMb { get; init; }

    /// <summary>Heap goal (MiB) for the next cycle.</summary>
    public long GoalMb { get; init; }

    /// <summary>
    /// "X MB stacks" (MiB); null in logs from Go before 1.18, which do not print it. Its meaning changed: Go 1.19
    /// prints <c>gcController.maxStackScan</c>, the goroutine stack space allocated (an upper bound of what could be
    /// scanned; runtime/mgc.go line 1124, runtime/mgcpacer.go), while current Go prints
    /// <c>gcController.lastStackScan</c>, the stack bytes this cycle actually scanned (runtime/mgc.go,
    /// gcMarkTermination). Compare it across logs of the same Go version only.
    /// </summary>
    public long? StacksMb { get => _stacksMb < 0 ? null : _stacksMb; init => _stacksMb = value ?? -1; }

    /// <summary>Scannable globals size (MiB); null in logs from Go before 1.18.</summary>
    public long? GlobalsMb { get => _globalsMb < 0 ? null : _globalsMb; init => _globalsMb = value ?? -1; }

    /// <summary>Number of processors (GOMAXPROCS) used.</summary>
    public int Procs { get; init; }

    /// <summary>
    /// True when the line ends in "(forced)" (runtime.GC(), debug.FreeOSMemory()). Caveat: Go 1.19 prints the
    /// flag after restarting the world, so a runtime.GC() call already waiting can mark the preceding
    /// heap-triggered cycle as forced too; count forced GCs with MemStats.NumForcedGC, not these lines.
    /// </summary>
    public bool Forced { get; init; }

    /// <summary>
    /// True when the line says " (checking for goroutine leaks)" after the CPU percent: Go 1.26's runtime ran its
    /// goroutine leak detection in this cycle (runtime/mgc.go, gcMarkTermination, <c>goroutineLeakDone</c>).
    /// </summary>
    public bool CheckedGoroutineLeaks { get; init; }

    /// <summary>1-based line number in the source the line was read from.</summary>
    public long LineNumber { get; init; }

    /// <summary>Stop-the-world time of this GC: the sweep termination plus mark termination clock phases, ms (rounded to the 3 decimals the
    /// runtime prints, so sums carry no binary noise).</summary>
    public double StopTheWorldMs => Math.Round(ClockSweepTerminationMs + ClockMarkTerminationMs, 3);

    /// <summary>Total GC CPU time of this cycle (all five CPU phases), ms.</summary>
    public double CpuTotalMs => Math.Round(CpuSweepTerminationMs + CpuAssistMs + CpuBackgroundMs + CpuIdleMs + CpuMarkTerminationMs, 3);
}

namespace GoMemLab.Goroutines.Analyses;

/// <summary>
/// One group of goroutines of a dump (one row of <see cref="GoroutineGroups"/>).
/// </summary>
/// <param name="Key">The start function, the creation site <c>F (file:line)</c>, or the state, by the grouping.</param>
/// <param name="Count">Goroutines in the group.</param>
/// <param name="Share">Count as a fraction of the dump's goroutines.</param>
/// <param name="MaxWaitMinutes">The longest wait Go printed in the group (0: all under a minute); null for forms without states.</param>
/// <param name="ExampleGoroutine">The lowest goroutine id in the group, to look up in the dump; null for forms without ids.</param>
/// <param name="Waits">Goroutines per wait bucket; null for forms without states.</param>
/// <param name="Leaked">Goroutines the runtime marked leaked (all of a goroutineleak profile's; debug=2: the <c>(leaked)</c> ones).</param>
/// <param name="LockedToThread">Goroutines locked to their OS thread; null for forms without states.</param>
/// <param name="Breakdown">The group's make-up the other way round: its states (start and creation groups) or its start functions (state
/// groups), largest first, e.g. <c>chan send 350; select 2</c>.</param>
/// <param name="GoroutineIds">The ids of the goroutines in the group (empty for forms without ids): join these with per-goroutine figures,
/// e.g. a heap dump's retained bytes per <c>goroutine N</c> root.</param>
public sealed record GoroutineGroup(
    string Key,
    long Count,
    double Share,
    int? MaxWaitMinutes,
    long? ExampleGoroutine,
    WaitBuckets? Waits,
    long Leaked,
    long? LockedToThread,
    string Breakdown,
    IReadOnlyList<long> GoroutineIds);

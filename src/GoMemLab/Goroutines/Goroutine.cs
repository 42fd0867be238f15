namespace GoMemLab.Goroutines;

/// <summary>
/// One goroutine of a debug=2 dump or a traceback, as its header and stack describe it.
/// </summary>
/// <param name="Id">The goroutine id (<c>goroutine 18 [...]</c>); a heap dump's root <c>goroutine 18 main.archive</c> names the same
/// goroutine.</param>
/// <param name="State">Go's state or wait reason, classified; <see cref="GoroutineState.Unknown"/> when this version does not know
/// it.</param>
/// <param name="StateText">The state as Go printed it, without the <c>(scan)</c> and <c>(leaked)</c> marks (e.g. <c>chan
/// receive</c>).</param>
/// <param name="WaitMinutes">Whole minutes the goroutine had been blocked; Go prints the figure only from 1 minute on, so 0 means under a
/// minute or not blocked.</param>
/// <param name="LockedToThread">The header said <c>locked to thread</c> (runtime.LockOSThread).</param>
/// <param name="Leaked">The state carried Go 1.26's <c>(leaked)</c> mark: the GC proved the goroutine can never be woken.</param>
/// <param name="Stack">Index of its stack in <see cref="GoroutineDump.Stacks"/>.</param>
/// <param name="CreatedBy">Index of its creation site (<c>created by F</c> and the file:line below it) in <see
/// cref="GoroutineDump.Frames"/>, or -1 (the main goroutine has none).</param>
/// <param name="CreatorId">The creating goroutine's id (<c>created by F in goroutine N</c>, Go 1.21+), or 0 when the dump does not
/// say.</param>
/// <param name="Line">The 1-based line of its <c>goroutine N [...]:</c> header in the dump.</param>
public readonly record struct Goroutine(
    long Id,
    GoroutineState State,
    string StateText,
    int WaitMinutes,
    bool LockedToThread,
    bool Leaked,
    int Stack,
    int CreatedBy,
    long CreatorId,
    long Line);

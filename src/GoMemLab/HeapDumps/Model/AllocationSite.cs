namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// Where sampled objects were allocated: <see cref="Site"/> is <c>file:line</c> of the first frame outside the runtime
/// (the innermost frame when every frame is the runtime's), <see cref="Function"/> that frame's function, and
/// <see cref="Stack"/> the whole allocation stack of the first memprof bucket seen for the site, innermost first.
/// <see cref="LineMayBeNext"/>: the site is the stack's first frame, whose return PC the runtime does not back up
/// (<c>if i > 0 &amp;&amp; pc > f.entry() { pc-- }</c> in Go's dumpmemprof_callback), so its line can be the one after the
/// allocating statement, where a heap profile names the statement itself.
/// </summary>
public sealed record AllocationSite(string Site, string Function, IReadOnlyList<StackFrameLine> Stack, bool LineMayBeNext = false);

/// <summary>One frame of a memprof bucket's stack: function, file and line as the runtime wrote them.</summary>
public readonly record struct StackFrameLine(string Function, string File, long Line)
{
    public override string ToString() => $"{Function} {File}:{Line}";
}

namespace GoMemLab.Tables;

/// <summary>
/// The meanings of columns that several tables share, so that every table's <c>ColumnMeanings</c> says them the
/// same way (the reference pages print them under each command).
/// </summary>
public static class CommonColumns
{
    public const string Package = "Go package (the `# package` header of the log, or the listing's).";
    public const string File = "Source file, as the input names it.";
    public const string Line = "Source line (1-based).";
    public const string Column = "Source column (1-based byte; 0 where the compiler omits it).";
    public const string Function = "Go function, as the input names it.";
    public const string EscapeKind = "Diagnostic kind: moved-to-heap, escapes-to-heap, does-not-escape, leaking-param…, can-inline, "
        + "inlining-call, other (see `EscapeKind`).";
    public const string Subject = "The variable, expression or parameter the decision is about.";
    public const string Message = "The compiler's message, verbatim.";
    public const string FlowSteps = "Number of `-m=2` explanation steps attached to the diagnostic (0 in a plain `-m` log).";
    public const string AllocSpace = "Bytes allocated since the program started (sampled; scaled up by the runtime).";
    public const string AllocObjects = "Objects allocated since the program started.";
    public const string InuseSpace = "Bytes still live as of the last completed GC.";
    public const string InuseObjects = "Objects still live as of the last completed GC.";
    public const string RetentionRatio =
        "inuse_space / alloc_space: the share of what was allocated that is still held (empty when nothing was allocated).";
    public const string Cause = "Why it is on the heap, read from the `-m=2` flow: returned-to-caller, stored-in-global-or-heap, "
        + "captured-by-closure, converted-to-interface, too-large-or-non-constant-size, passed-to-leaking-parameter, spill or unknown.";
    public const string RuntimeFunction = "The runtime allocation function called (newobject, makeslice, growslice, convT…), "
        + "without `runtime.`.";
}

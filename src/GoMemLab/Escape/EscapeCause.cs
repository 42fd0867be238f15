namespace GoMemLab.Escape;

/// <summary>Why a value ended up on the heap, as far as the compiler's <c>-m=2</c> explanation shows.</summary>
public enum EscapeCauseKind
{
    /// <summary>The explanation ends in a <c>return</c>: the value outlives the call through a result.</summary>
    ReturnedToCaller,
    /// <summary>Assigned to <c>{heap}</c>: a global, or memory reachable from one or from another heap object.</summary>
    StoredInGlobalOrHeap,
    /// <summary>A closure captures it (by reference, or the closure itself escapes).</summary>
    CapturedByClosure,
    /// <summary>Boxed into an interface: the escaping "allocation" is a plain value (<c>v escapes to heap</c>), an
    /// interface conversion is in the flow, or the flow goes into a fmt function (whose <c>...any</c> arguments always escape).</summary>
    ConvertedToInterface,
    /// <summary>Too large for the stack, or a <c>make</c>/<c>new</c> whose size is not a constant.</summary>
    TooLargeOrNonConstantSize,
    /// <summary>Passed as an argument to a function whose parameter leaks (<c>call parameter</c>).</summary>
    PassedToLeakingParameter,
    /// <summary>Only <c>spill</c> steps: the compiler stored it to memory it could not keep on the stack.</summary>
    Spill,
    /// <summary>No explanation (a plain <c>-m</c> log) or none of the above.</summary>
    Unknown,
}

/// <summary>Spelling of <see cref="EscapeCauseKind"/> in tables (the <c>cause</c> column; as summary column names with '_').</summary>
public static class EscapeCauseKindText
{
    /// <summary>The table spelling, e.g. <c>returned-to-caller</c>.</summary>
    public static string ToText(this EscapeCauseKind cause) => cause switch
    {
        EscapeCauseKind.ReturnedToCaller => "returned-to-caller",
        EscapeCauseKind.StoredInGlobalOrHeap => "stored-in-global-or-heap",
        EscapeCauseKind.CapturedByClosure => "captured-by-closure",
        EscapeCauseKind.ConvertedToInterface => "converted-to-interface",
        EscapeCauseKind.TooLargeOrNonConstantSize => "too-large-or-non-constant-size",
        EscapeCauseKind.PassedToLeakingParameter => "passed-to-leaking-parameter",
        EscapeCauseKind.Spill => "spill",
        EscapeCauseKind.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}

/// <summary>
/// Classifies a heap decision (moved-to-heap, escapes-to-heap) of an <see cref="EscapeLog"/> by what its
/// explanation shows (<see cref="EscapeLog.Causes"/> classifies them all). Rules in priority order: too large /
/// non-constant size; only <c>spill</c> steps (not a closure); converted to interface; captured by a closure; then the
/// reason of the last step that reaches the outliving location (<c>return</c>, <c>call parameter</c>, an assignment).
/// Go 1.19 names no step <c>defer</c>: a defer in a loop shows as its wrapper closure and what that captures.
/// This is a reading of the explanation, not a second escape analysis: when several causes apply,
/// the first in that order wins. Without <c>-m=2</c> every decision is <see cref="EscapeCauseKind.Unknown"/>.
/// </summary>
public static class EscapeCause
{
    // The Go 1.19 compiler's reasons (cmd/compile/internal/escape) for a step that writes into memory.
    private static readonly HashSet<string> StoringReasons = new(StringComparer.Ordinal)
    {
        "array literal element", "struct literal element", "slice-literal-element", "map literal key", "map literal value",
        "key of map put", "appended slice...", "appendee slice", "copied slice", "send", "range", "range-deref", "switch case",
    };

    /// <summary>Classifies one diagnostic; non-heap decisions are <see cref="EscapeCauseKind.Unknown"/>.</summary>
    public static EscapeCauseKind Classify(EscapeLog log, EscapeDiagnostic diagnostic)
    {
        if (!diagnostic.Kind.IsHeapDecision()) return EscapeCauseKind.Unknown;
        var steps = log.StepsOf(diagnostic).ToList();
        if (steps.Count == 0) return EscapeCauseKind.Unknown;
        if (steps.Any(s => s.Reason is "too large for stack" or "non-constant size" or "too aligned for stack"))
            return EscapeCauseKind.TooLargeOrNonConstantSize;
        // Only spill steps: nothing stored it anywhere, the heap took it directly (a go statement's or a looped
        // defer's function value, e.g. a method value); a boxed value always has the step that stored the interface.
        if (diagnostic.Subject != "func literal" && steps.Where(s => s.Kind == FlowStepKind.From).All(s => s.Reason == "spill")
            && steps.Any(s => s.Kind == FlowStepKind.From))
            return EscapeCauseKind.Spill;
        if ((diagnostic.Kind == EscapeKind.EscapesToHeap && IsBoxedValue(diagnostic.Subject))
            || steps.Any(s => s.Reason == "interface-converted"
                || (s.Reason == "call parameter" && s.Expression.StartsWith("fmt.", StringComparison.Ordinal))))
            return EscapeCauseKind.ConvertedToInterface;
        if (diagnostic.Subject == "func literal" || steps.Any(s => s.Reason == "captured by a closure"))
            return EscapeCauseKind.CapturedByClosure;
        var root = steps.LastOrDefault(s => s.Kind == FlowStepKind.From);
        if (root is null) return EscapeCauseKind.Unknown;
        if (root.Reason == "return") return EscapeCauseKind.ReturnedToCaller;
        if (root.Reason is "call parameter" or "defer") return EscapeCauseKind.PassedToLeakingParameter;
        if (root.Reason.StartsWith("assign", StringComparison.Ordinal) || StoringReasons.Contains(root.Reason))
            return EscapeCauseKind.StoredInGlobalOrHeap;
        return EscapeCauseKind.Unknown;
    }

    // A heap decision about something that is not itself an allocation expression can only mean the
    // storage of an implicit interface conversion ("v escapes to heap" for `return v` as any).
    private static bool IsBoxedValue(string subject)
    {
        if (subject.Length == 0) return false;
        string[] allocating = ["&", "new(", "make(", "[]", "map[", "func literal", "... argument", "string(", "([]byte)(", "([]rune)(",
            "(func"];
        foreach (var prefix in allocating)
            if (subject.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return !subject.Contains(" + ", StringComparison.Ordinal);
    }
}

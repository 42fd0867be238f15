using Microsoft.Data.Analysis;

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

/// <summary>
/// Classifies each heap decision (moved-to-heap, escapes-to-heap) of an <see cref="EscapeLog"/> by
/// what its explanation shows, and summarises. Rules in priority order: too large / non-constant
/// size; only <c>spill</c> steps (not a closure); converted to interface; captured by a closure; then the
/// reason of the last step that reaches the outliving location (<c>return</c>, <c>call parameter</c>, an assignment).
/// Go 1.19 names no step <c>defer</c>: a defer in a loop shows as its wrapper closure and what that captures.
/// This is a reading of the explanation, not a second escape analysis: when several causes apply,
/// the first in that order wins. Without <c>-m=2</c> every decision is <see cref="EscapeCauseKind.Unknown"/>.
/// </summary>
public static class EscapeCause
{
    private static readonly string[] Names =
    [
        "returned-to-caller", "stored-in-global-or-heap", "captured-by-closure", "converted-to-interface",
        "too-large-or-non-constant-size", "passed-to-leaking-parameter", "spill", "unknown",
    ];

    // The Go 1.19 compiler's reasons (cmd/compile/internal/escape) for a step that writes into memory.
    private static readonly HashSet<string> StoringReasons = new(StringComparer.Ordinal)
    {
        "array literal element", "struct literal element", "slice-literal-element", "map literal key", "map literal value",
        "key of map put", "appended slice...", "appendee slice", "copied slice", "send", "range", "range-deref", "switch case",
    };

    /// <summary>The spelling used in tables, e.g. <c>returned-to-caller</c>.</summary>
    public static string Name(this EscapeCauseKind cause) => Names[(int)cause];

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
        string[] allocating = ["&", "new(", "make(", "[]", "map[", "func literal", "... argument", "string(", "([]byte)(", "([]rune)(", "(func"];
        foreach (var prefix in allocating)
            if (subject.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return !subject.Contains(" + ", StringComparison.Ordinal);
    }

    /// <summary>
    /// One row per heap decision: package, file, line, column, function, kind, subject, cause, flow_steps.
    /// </summary>
    public static DataFrame Table(EscapeLog log)
    {
        var rows = log.Diagnostics.Where(d => d.Kind.IsHeapDecision()).ToList();
        var causes = rows.Select(d => Classify(log, d).Name()).ToList();
        return new DataFrame(
            new StringDataFrameColumn("package", rows.Select(d => d.Package)),
            new StringDataFrameColumn("file", rows.Select(d => d.File)),
            new Int32DataFrameColumn("line", rows.Select(d => d.Line)),
            new Int32DataFrameColumn("column", rows.Select(d => d.Column)),
            new StringDataFrameColumn("function", rows.Select(d => d.Function)),
            new StringDataFrameColumn("kind", rows.Select(d => d.Kind.Name())),
            new StringDataFrameColumn("subject", rows.Select(d => d.Subject)),
            new StringDataFrameColumn("cause", causes),
            new Int32DataFrameColumn("flow_steps", rows.Select(d => d.FlowStepCount)));
    }

    /// <summary>
    /// Heap decisions counted by cause × <paramref name="groupBy"/> ("package" or "file"): one row per
    /// group with a column per cause and a total, groups by descending total then name.
    /// </summary>
    public static DataFrame Summary(EscapeLog log, string groupBy = "package")
    {
        if (groupBy is not ("package" or "file")) throw new ArgumentException($"--by must be package or file, not '{groupBy}'");
        var counts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var d in log.Diagnostics)
        {
            if (!d.Kind.IsHeapDecision()) continue;
            var key = groupBy == "package" ? d.Package : d.File;
            if (!counts.TryGetValue(key, out var row)) counts[key] = row = new long[Names.Length];
            row[(int)Classify(log, d)]++;
        }
        var ordered = counts.OrderByDescending(kv => kv.Value.Sum()).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var frame = new DataFrame(new StringDataFrameColumn(groupBy, ordered.Select(kv => kv.Key)));
        for (var c = 0; c < Names.Length; c++)
        {
            var index = c;
            frame.Columns.Add(new Int64DataFrameColumn(Names[c].Replace('-', '_'), ordered.Select(kv => kv.Value[index])));
        }
        frame.Columns.Add(new Int64DataFrameColumn("total", ordered.Select(kv => kv.Value.Sum())));
        return frame;
    }
}

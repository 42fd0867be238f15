namespace GoMemLab.Escape;

/// <summary>
/// Classifies the message part of one compiler line (the text after <c>file:line:col: </c>) into an
/// <see cref="EscapeKind"/> and its subject. Plain string tests, no regular expressions: this runs
/// on every decision line of multi-hundred-megabyte logs.
/// </summary>
public static class EscapeMessage
{
    /// <summary>The result of <see cref="Classify"/>.</summary>
    /// <param name="OpensExplanation">
    /// True for the <c>-m=2</c> header lines ending in ':' that the flow steps follow:
    /// <c>X escapes to heap:</c> (explains a later escapes-to-heap / moved-to-heap decision, not a
    /// diagnostic itself) and <c>parameter p leaks to D with derefs=N:</c> (a param-leaks diagnostic).
    /// </param>
    public readonly record struct Classification(EscapeKind Kind, string Subject, bool OpensExplanation);

    private const string EscapesSuffix = " escapes to heap";
    private const string DoesNotEscapeSuffix = " does not escape";

    /// <summary>Classifies a message; unknown text is <see cref="EscapeKind.Other"/> with an empty subject.</summary>
    public static Classification Classify(string message)
    {
        var m = message.AsSpan();
        if (m.EndsWith(EscapesSuffix + ":"))
            return new(EscapeKind.EscapesToHeap, m[..^(EscapesSuffix.Length + 1)].ToString(), true);
        if (m.EndsWith(EscapesSuffix))
            return new(EscapeKind.EscapesToHeap, m[..^EscapesSuffix.Length].ToString(), false);
        if (m.StartsWith("moved to heap: "))
            return new(EscapeKind.MovedToHeap, m[15..].ToString(), false);
        // -d=escapemutationscalls (cmd/compile/internal/escape/escape.go, after Go 1.19) says more of a parameter that
        // does not escape; "mutates param: p derefs=0" and "calls param: p derefs=0" stay Other, kept verbatim.
        if (m.EndsWith(" does not escape, mutate, or call"))
            return new(EscapeKind.DoesNotEscape, m[..^" does not escape, mutate, or call".Length].ToString(), false);
        if (m.EndsWith(DoesNotEscapeSuffix))
            return new(EscapeKind.DoesNotEscape, m[..^DoesNotEscapeSuffix.Length].ToString(), false);
        if (m.StartsWith("leaking param content: "))
            return new(EscapeKind.LeakingParamContent, m[23..].ToString(), false);
        if (m.StartsWith("leaking param: "))
        {
            var rest = m[15..];
            var toResult = rest.IndexOf(" to result ");
            return toResult >= 0
                ? new(EscapeKind.LeakingParamToResult, rest[..toResult].ToString(), false)
                : new(EscapeKind.LeakingParam, rest.ToString(), false);
        }
        if (m.StartsWith("parameter ") && m.Contains(" with derefs=", StringComparison.Ordinal))
        {
            var rest = m[10..];
            var leaks = rest.IndexOf(" leaks to ");
            if (leaks > 0) return new(EscapeKind.ParamLeaks, rest[..leaks].ToString(), m.EndsWith(":"));
        }
        if (m.StartsWith("can inline "))
        {
            var rest = m[11..];
            var with = rest.IndexOf(" with cost ");
            return new(EscapeKind.CanInline, (with >= 0 ? rest[..with] : rest).ToString(), false);
        }
        if (m.StartsWith("cannot inline "))
        {
            var rest = m[14..];
            var colon = rest.IndexOf(": ");
            return new(EscapeKind.CannotInline, (colon >= 0 ? rest[..colon] : rest).ToString(), false);
        }
        if (m.StartsWith("inlining call to "))
            return new(EscapeKind.InliningCall, m[17..].ToString(), false);
        if (m.StartsWith("devirtualizing "))
        {
            var rest = m[15..];
            var to = rest.LastIndexOf(" to ");
            return new(EscapeKind.Devirtualized, (to >= 0 ? rest[..to] : rest).ToString(), false);
        }
        return new(EscapeKind.Other, "", false);
    }
}

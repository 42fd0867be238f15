namespace GoMemLab.Escape;

/// <summary>The three shapes of an explanation line under <c>-m=2</c>.</summary>
public enum FlowStepKind
{
    /// <summary><c>flow: DEST = SOURCE:</c> (Go 1.19) or <c>flow: DEST ← SOURCE:</c> (Go 1.21 and later).</summary>
    Flow,
    /// <summary><c>from EXPR (reason) at file:line:col</c>.</summary>
    From,
    /// <summary>Anything else inside an explanation, e.g. <c>warning: truncated explanation due to assignment cycle</c>.</summary>
    Note,
}

/// <summary>Spelling of <see cref="FlowStepKind"/> in tables (the <c>step_kind</c> column).</summary>
public static class FlowStepKindText
{
    /// <summary><c>flow</c>, <c>from</c> or <c>note</c>.</summary>
    public static string ToText(this FlowStepKind kind) => kind switch
    {
        FlowStepKind.Flow => "flow",
        FlowStepKind.From => "from",
        FlowStepKind.Note => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// One line of a <c>-m=2</c> explanation, attached to the decision it explains, in log order.
/// Fields that do not apply to the step's <see cref="Kind"/> are empty strings / zero.
/// </summary>
/// <param name="Diagnostic">Index of the owning diagnostic in <see cref="EscapeLog.Diagnostics"/>.</param>
/// <param name="Ordinal">0-based position of the step within the decision's explanation(s).</param>
/// <param name="Text">The line without its <c>file:line:col:</c> prefix and indentation.</param>
/// <param name="AtColumn">0 when the compiler omitted the column (it does for columns above 255).</param>
public sealed record FlowStep(
    int Diagnostic, int Ordinal, FlowStepKind Kind, string Text,
    string Destination, string Source, string Expression, string Reason,
    string AtFile, int AtLine, int AtColumn)
{
    /// <summary>
    /// Parses one explanation line (indentation already removed). Never throws: a line of neither
    /// known shape becomes a <see cref="FlowStepKind.Note"/>.
    /// </summary>
    public static FlowStep Parse(int diagnostic, int ordinal, string text)
    {
        if (text.StartsWith("flow: ", StringComparison.Ordinal))
        {
            var body = text.AsSpan(6);
            if (body.EndsWith(":")) body = body[..^1];
            var (dest, source) = SplitFlow(body);
            return new FlowStep(diagnostic, ordinal, FlowStepKind.Flow, text, dest, source, "", "", "", 0, 0);
        }
        if (text.StartsWith("from ", StringComparison.Ordinal))
        {
            var body = text.AsSpan(5);
            string atFile = ""; int atLine = 0, atColumn = 0;
            var at = body.LastIndexOf(" at ");
            if (at >= 0 && SourcePosition.TryParse(body[(at + 4)..], out atFile, out atLine, out atColumn))
                body = body[..at];
            var reason = "";
            if (body.EndsWith(")"))
            {
                var open = body.LastIndexOf(" (");
                if (open >= 0)
                {
                    reason = body[(open + 2)..^1].ToString();
                    body = body[..open];
                }
            }
            return new FlowStep(diagnostic, ordinal, FlowStepKind.From, text, "", "", body.ToString(), reason, atFile, atLine, atColumn);
        }
        return new FlowStep(diagnostic, ordinal, FlowStepKind.Note, text, "", "", "", "", "", 0, 0);
    }

    // Location names can contain expressions ("{storage for a[i]}"), so the separator is the first
    // " = " (or " ← ") outside brackets.
    private static (string Destination, string Source) SplitFlow(ReadOnlySpan<char> body)
    {
        var arrow = body.IndexOf(" ← ");
        if (arrow >= 0) return (body[..arrow].ToString(), body[(arrow + 3)..].ToString());
        var depth = 0;
        for (var i = 0; i + 2 < body.Length; i++)
        {
            var c = body[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (depth == 0 && c == ' ' && body[i + 1] == '=' && body[i + 2] == ' ')
                return (body[..i].ToString(), body[(i + 3)..].ToString());
        }
        return (body.ToString(), "");
    }
}

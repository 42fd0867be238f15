namespace GoMemLab.Ssa;

/// <summary>
/// One SSA value as ssa.html prints it: <c>v11 (+7) = StaticLECall &lt;*Point,mem&gt; {AuxCall{runtime.newobject}} [16] v10 v1</c>.
/// </summary>
/// <param name="Id">The value's name, e.g. <c>v11</c> (ids are reused across phases for different values).</param>
/// <param name="Line">Source line, or null when the compiler printed <c>(?)</c>.</param>
/// <param name="Op">The operation, e.g. <c>StaticLECall</c>, <c>CALLstatic</c>, <c>LocalAddr</c>.</param>
/// <param name="Type">The value's type as printed between angle brackets.</param>
/// <param name="Rest">Everything after the type: aux, auxint, arguments, register.</param>
/// <param name="Dead">True for values the page fades out (dead code not yet eliminated).</param>
public sealed record SsaValue(string Id, int? Line, string Op, string Type, string Rest, bool Dead)
{
    /// <summary>The function a call value calls (<c>runtime.newobject</c> from <c>{AuxCall{runtime.newobject}}</c>), else null.</summary>
    public string? CallTarget
    {
        get
        {
            const string marker = "AuxCall{";
            var at = Rest.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) return null;
            var start = at + marker.Length;
            var end = Rest.IndexOf('}', start);
            return end > start ? Rest[start..end] : null;
        }
    }

    /// <summary>The value as one line of text, the way the page shows it.</summary>
    public override string ToString()
        => $"{Id} ({(Line is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}) = {Op} <{Type}>{Rest}";
}

/// <summary>
/// One column of ssa.html that shows the function in SSA form: the phases it stands for (consecutive phases that left
/// the function unchanged share a column with the next phase that changed it) and the function after them.
/// </summary>
/// <param name="Number">1-based position among all the page's columns (sources and AST included), left to right.</param>
/// <param name="Phases">Phase names in order; the function shown is the state after the last one.</param>
/// <param name="TimesNs">Each phase's compile time from its <c>[N ns]</c> header, null where the page shows none.</param>
/// <param name="Blocks">Number of basic blocks.</param>
/// <param name="Values">Every value, block by block, in the page's order.</param>
public sealed record SsaColumn(int Number, IReadOnlyList<string> Phases, IReadOnlyList<long?> TimesNs, int Blocks,
    IReadOnlyList<SsaValue> Values)
{
    /// <summary>The function's text in this column as the page prints it (statement marks included), to tell whether two columns
    /// differ.</summary>
    internal string Text { get; init; } = "";
}

/// <summary>One instruction of the genssa column: <c>00011 (7) CALL runtime.newobject(SB)</c>, with the SSA value it came from.</summary>
public sealed record SsaInstruction(int Index, int? Line, string Text, string? FromValue);

/// <summary>
/// One line of the AST column that names a variable with its escape mark, e.g.
/// <c>NAME-main.p esc(h) Class:PAUTO … # main.go:7:2</c>: <c>esc(h)</c> is the escape analysis's "heap" verdict.
/// </summary>
/// <param name="Name">The variable, e.g. <c>main.p</c>.</param>
/// <param name="Escape">The mark in parentheses: <c>h</c> (heap), <c>no</c> (does not escape), <c>N</c> (not analysed).</param>
/// <param name="Class">The IR class (<c>PAUTO</c> local, <c>PPARAM</c> parameter, <c>PPARAMOUT</c> result).</param>
/// <param name="Position">The <c>file:line:col</c> the line ends with.</param>
public sealed record SsaAstName(string Name, string Escape, string Class, string Position);

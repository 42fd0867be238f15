using GoMemLab.Inputs;

namespace GoMemLab.Ssa;

/// <summary>
/// What <c>GOSSAFUNC=F go build</c> shows about one function (its ssa.html): the source files, the AST with each
/// variable's escape mark, the function after each group of SSA phases, and the final assembly. Load it with
/// <see cref="Load"/> (a saved page) or build it with <see cref="GoSsaBuild"/>; the analyses are
/// <see cref="Passes"/> (one row per phase with value counts), <see cref="CallsTo"/> (where a call such as
/// <c>runtime.newobject</c> appears, phase by phase, down to the instruction) and <see cref="HeapNames"/>.
/// </summary>
public sealed class SsaDump
{
    internal SsaDump(string source, string function, IReadOnlyList<string> sourceFiles, IReadOnlyList<SsaAstName> ast,
        IReadOnlyList<SsaColumn> columns, IReadOnlyList<SsaInstruction> program)
    {
        Source = source;
        Function = function;
        SourceFiles = sourceFiles;
        Ast = ast;
        Columns = columns;
        Program = program;
    }

    /// <summary>The file or build the page came from, as given.</summary>
    public string Source { get; }

    /// <summary>The function's name as the compiler titles the page (<c>NewPoint</c>, <c>(*T).M</c>; no package).</summary>
    public string Function { get; }

    /// <summary>The source files the sources column shows (the function's own file first, then inlined ones).</summary>
    public IReadOnlyList<string> SourceFiles { get; }

    /// <summary>The named variables of the AST column with their escape marks (<c>esc(h)</c>: on the heap).</summary>
    public IReadOnlyList<SsaAstName> Ast { get; }

    /// <summary>The SSA columns, left to right.</summary>
    public IReadOnlyList<SsaColumn> Columns { get; }

    /// <summary>The genssa column: the assembly, one instruction per row (empty when the page has none).</summary>
    public IReadOnlyList<SsaInstruction> Program { get; }

    /// <summary>Reads a saved ssa.html (gzip allowed).</summary>
    /// <exception cref="InputFormatException">Missing file, binary content, or HTML that is not GOSSAFUNC's page.</exception>
    public static SsaDump Load(string path, CancellationToken cancel = default) =>
        SsaHtmlReader.Read(InputFile.ReadAllBytesMaybeGzip(path), path, cancel);

    /// <summary>
    /// One row per SSA phase in compile order, with the function's size after it. The page draws a new column only when
    /// a phase changed the function (Go hashes the printed function after each phase); the phases before it in the same
    /// column changed nothing, so their counts are the previous column's and <see cref="SsaPass.Changed"/> is false for
    /// them. The last column is also drawn at the end of compilation for phases that changed nothing: there a phase
    /// counts as changed only when the column's function differs from the previous column's.
    /// </summary>
    public SsaPassTable Passes()
    {
        var rows = new List<SsaPass>();
        SsaColumn? previous = null;
        foreach (var column in Columns)
        {
            var final = ReferenceEquals(column, Columns[^1]);
            for (var i = 0; i < column.Phases.Count; i++)
            {
                var last = i == column.Phases.Count - 1;
                var shown = last || previous is null ? column : previous;
                var changed = last && (previous is null || !final || previous.Text != column.Text);
                rows.Add(new SsaPass(column.Phases[i], column.Number, changed, shown.Blocks, shown.Values.Count,
                    shown.Values.Count(v => v.Dead), column.TimesNs.ElementAtOrDefault(i),
                    string.Join(", ", shown.Values.Where(v => !v.Dead).Select(v => v.CallTarget).OfType<string>().Distinct())));
            }
            previous = column;
        }
        return new SsaPassTable(rows);
    }

    /// <summary>
    /// Where a call to <paramref name="function"/> (e.g. <c>runtime.newobject</c>) is: one row per SSA column that has a
    /// live value calling it (the generic <c>StaticLECall</c>, then <c>StaticCall</c>, then the lowered <c>CALLstatic</c>),
    /// then one row per assembly instruction that calls it. Empty when the function never calls it.
    /// </summary>
    public IReadOnlyList<SsaCallSite> CallsTo(string function)
    {
        var rows = new List<SsaCallSite>();
        foreach (var column in Columns)
            foreach (var value in column.Values.Where(v => !v.Dead && v.CallTarget == function))
                rows.Add(new SsaCallSite(string.Join(" + ", column.Phases), column.Number, value.Id, value.Op, value.Line,
                    value.ToString()));
        foreach (var instruction in Program.Where(p => p.Text.StartsWith("CALL ",
            StringComparison.Ordinal) && p.Text.Contains(function + "(", StringComparison.Ordinal)))
            rows.Add(new SsaCallSite("genssa", Columns.Count == 0 ? 0 : Columns[^1].Number + 1, instruction.FromValue ?? "", "CALL",
                instruction.Line, instruction.Text));
        return rows;
    }

    /// <summary>The variables the escape analysis put on the heap: AST names marked <c>esc(h)</c>.</summary>
    public IReadOnlyList<SsaAstName> HeapNames() => Ast.Where(a => a.Escape == "h").DistinctBy(a => (a.Name, a.Position)).ToList();
}

/// <summary>One place a call appears in an <see cref="SsaDump"/>: a phase column's value, or an assembly instruction.</summary>
/// <param name="Phases">The column's phases joined with " + ", or <c>genssa</c> for the assembly.</param>
/// <param name="Column">The column's 1-based position on the page.</param>
/// <param name="Value">The SSA value (<c>v11</c>); for an instruction, the value it was generated from.</param>
/// <param name="Op">The value's operation, or <c>CALL</c> for an instruction.</param>
/// <param name="Line">The source line, when known.</param>
/// <param name="Text">The value or instruction as the page prints it.</param>
public sealed record SsaCallSite(string Phases, int Column, string Value, string Op, int? Line, string Text);

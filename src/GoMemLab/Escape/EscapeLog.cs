using System.Text;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>
/// The compiler's escape-analysis and inlining decisions for one build, read from the text of
/// <c>go build -gcflags=-m</c> / <c>-m=2</c> or from a <c>-json=0,DIR</c> directory; <see cref="Load"/> picks by
/// path. Diagnostics are in log order. Explanation steps are kept as compact spans of the log's bytes and
/// turned into <see cref="FlowStep"/> objects only when asked for, so a 200 MB log stays cheap. The analyses are
/// instance methods: <see cref="Causes"/>, <see cref="CauseOf"/>, <see cref="CountByKind"/>, <see cref="DiffSince"/>.
/// </summary>
public sealed class EscapeLog
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["package"] = CommonColumns.Package,
        ["file"] = CommonColumns.File,
        ["line"] = CommonColumns.Line,
        ["column"] = CommonColumns.Column,
        ["function"] = "The function the diagnostic is in (the nearest can-inline/cannot-inline announcement above it).",
        ["kind"] = CommonColumns.EscapeKind,
        ["subject"] = CommonColumns.Subject,
        ["message"] = CommonColumns.Message,
        ["flow_steps"] = CommonColumns.FlowSteps,
    };

    /// <summary>What each column of <see cref="StepsToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> StepColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["diagnostic"] = "Index of the diagnostic the step explains (its row in `ToDataFrame()`, from 0).",
        ["file"] = CommonColumns.File,
        ["line"] = CommonColumns.Line,
        ["column"] = CommonColumns.Column,
        ["subject"] = CommonColumns.Subject,
        ["step"] = "Position of the step in that explanation, from 0.",
        ["step_kind"] = "flow (`flow: DEST = SOURCE`), from (`from EXPR (reason) at POS`) or note.",
        ["destination"] = "flow steps: where the value flows to.",
        ["source"] = "flow steps: where it comes from.",
        ["expression"] = "from steps: the expression that moves it.",
        ["reason"] = "from steps: why it moves (assigned, return, call parameter, spill…).",
        ["at_file"] = "from steps: the file of the expression.",
        ["at_line"] = "from steps: its line.",
        ["at_column"] = "from steps: its column (0 when omitted).",
        ["text"] = "The step as the compiler printed it.",
    };

    internal readonly record struct Step(int Offset, int Length, FlowStepKind Kind, int Diagnostic);

    private readonly Step[] _steps;
    private readonly byte[] _stepText;

    internal EscapeLog(string source, EscapeDiagnostic[] diagnostics, Step[] steps, byte[] stepText, int unpositionedLines)
    {
        Source = source;
        Diagnostics = diagnostics;
        _steps = steps;
        _stepText = stepText;
        UnpositionedLines = unpositionedLines;
    }

    /// <summary>
    /// Reads a text log (a file, gzip allowed) or a <c>-json=0,DIR</c> directory. An empty text file is refused with the
    /// usual cause (stdout saved while the compiler writes to stderr) unless <paramref name="allowEmpty"/>, for callers
    /// to whom a package with no diagnostics is a valid answer (a check against expectations that say nothing, a diff).
    /// </summary>
    /// <exception cref="GoMemLab.Inputs.InputFormatException">Missing path, binary or non-log content, or an empty file when not
    /// allowed.</exception>
    /// <remarks>Cancelling <paramref name="cancel"/> stops the read within 64k lines (or one JSON file) with <see
    /// cref="OperationCanceledException"/>.</remarks>
    public static EscapeLog Load(string path, CancellationToken cancel = default, bool allowEmpty = false) =>
        Directory.Exists(path) ? EscapeJsonReader.ReadDirectory(path, cancel) : EscapeTextReader.ReadFile(path, cancel, allowEmpty);

    /// <summary>
    /// Reads <c>-m</c>/<c>-m=2</c> text held in memory (e.g. <see cref="GoCompilerBuild.Result.Output"/>), as
    /// <see cref="Load"/> reads a file; <paramref name="name"/> names it in messages.
    /// </summary>
    /// <exception cref="GoMemLab.Inputs.InputFormatException">Binary or non-log content.</exception>
    public static EscapeLog Parse(byte[] text, string name, CancellationToken cancel = default) => EscapeTextReader.Read(text, name,
        cancel);

    /// <summary>As <see cref="Parse(byte[], string, CancellationToken)"/>, for the text as a string.</summary>
    public static EscapeLog Parse(string text, string name, CancellationToken cancel = default) => Parse(Encoding.UTF8.GetBytes(text), name,
        cancel);

    /// <summary>The file or directory the log was read from.</summary>
    public string Source { get; }

    /// <summary>Every diagnostic, in log order.</summary>
    public IReadOnlyList<EscapeDiagnostic> Diagnostics { get; }

    /// <summary>Lines that had no <c>file:line</c> position (compiler errors, go command notes); each is also an
    /// <see cref="EscapeKind.Other"/> diagnostic with an empty file.</summary>
    public int UnpositionedLines { get; }

    /// <summary>Total number of explanation steps over all diagnostics.</summary>
    public int FlowStepCount => _steps.Length;

    /// <summary>The explanation of one diagnostic, in the order the compiler printed it.</summary>
    public IEnumerable<FlowStep> StepsOf(EscapeDiagnostic diagnostic)
    {
        for (var i = 0; i < diagnostic.FlowStepCount; i++) yield return MakeStep(diagnostic.FirstStep + i, i);
    }

    /// <summary>Counts diagnostics per kind (every kind present, zero included).</summary>
    public IReadOnlyDictionary<EscapeKind, int> CountByKind()
    {
        var counts = Enum.GetValues<EscapeKind>().ToDictionary(k => k, _ => 0);
        foreach (var d in Diagnostics) counts[d.Kind]++;
        return counts;
    }

    /// <summary>Every heap decision with the cause its explanation shows (<see cref="EscapeCause.Classify"/>), in log order.</summary>
    public EscapeCauseReport Causes() =>
        new([.. Diagnostics.Where(d => d.Kind.IsHeapDecision()).Select(d => new EscapeCauseRow(d, EscapeCause.Classify(this, d)))]);

    /// <summary>The cause of one diagnostic (<see cref="EscapeCauseKind.Unknown"/> for what is no heap decision).</summary>
    public EscapeCauseKind CauseOf(EscapeDiagnostic diagnostic) => EscapeCause.Classify(this, diagnostic);

    /// <summary>The heap escapes new, removed and unchanged since <paramref name="before"/>: <see cref="EscapeDiff.Compare"/>(before,
    /// this).</summary>
    public EscapeDiff.Result DiffSince(EscapeLog before) => EscapeDiff.Compare(before, this);

    /// <summary>
    /// One row per diagnostic: package, file, line, column, function, kind, subject, message, flow_steps.
    /// </summary>
    public DataFrame ToDataFrame(IEnumerable<EscapeDiagnostic>? rows = null)
    {
        var list = (rows ?? Diagnostics).ToList();
        return new DataFrame(
            new StringDataFrameColumn("package", list.Select(d => d.Package)),
            new StringDataFrameColumn("file", list.Select(d => d.File)),
            new Int32DataFrameColumn("line", list.Select(d => d.Line)),
            new Int32DataFrameColumn("column", list.Select(d => d.Column)),
            new StringDataFrameColumn("function", list.Select(d => d.Function)),
            new StringDataFrameColumn("kind", list.Select(d => d.Kind.ToText())),
            new StringDataFrameColumn("subject", list.Select(d => d.Subject)),
            new StringDataFrameColumn("message", list.Select(d => d.Message)),
            new Int32DataFrameColumn("flow_steps", list.Select(d => d.FlowStepCount)));
    }

    /// <summary>
    /// One row per explanation step: diagnostic (index), file, line, column, subject, step, step_kind,
    /// destination, source, expression, reason, at_file, at_line, at_column, text.
    /// </summary>
    public DataFrame StepsToDataFrame(IEnumerable<EscapeDiagnostic>? rows = null)
    {
        var owners = new List<EscapeDiagnostic>();
        var steps = new List<FlowStep>();
        foreach (var d in rows ?? Diagnostics)
            foreach (var s in StepsOf(d)) { owners.Add(d); steps.Add(s); }
        return new DataFrame(
            new Int32DataFrameColumn("diagnostic", owners.Select(d => d.Index)),
            new StringDataFrameColumn("file", owners.Select(d => d.File)),
            new Int32DataFrameColumn("line", owners.Select(d => d.Line)),
            new Int32DataFrameColumn("column", owners.Select(d => d.Column)),
            new StringDataFrameColumn("subject", owners.Select(d => d.Subject)),
            new Int32DataFrameColumn("step", steps.Select(s => s.Ordinal)),
            new StringDataFrameColumn("step_kind", steps.Select(s => s.Kind.ToText())),
            new StringDataFrameColumn("destination", steps.Select(s => s.Destination)),
            new StringDataFrameColumn("source", steps.Select(s => s.Source)),
            new StringDataFrameColumn("expression", steps.Select(s => s.Expression)),
            new StringDataFrameColumn("reason", steps.Select(s => s.Reason)),
            new StringDataFrameColumn("at_file", steps.Select(s => s.AtFile)),
            new Int32DataFrameColumn("at_line", steps.Select(s => s.AtLine)),
            new Int32DataFrameColumn("at_column", steps.Select(s => s.AtColumn)),
            new StringDataFrameColumn("text", steps.Select(s => s.Text)));
    }

    private FlowStep MakeStep(int index, int ordinal)
    {
        var s = _steps[index];
        var text = Encoding.UTF8.GetString(_stepText, s.Offset, s.Length).TrimStart(' ');
        return FlowStep.Parse(s.Diagnostic, ordinal, text);
    }
}

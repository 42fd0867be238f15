namespace GoMemLab.Escape;

/// <summary>
/// One compiler decision from an escape log, with its <c>-m=2</c> explanation (if any) available as
/// <see cref="EscapeLog.StepsOf"/>. Positions are the text form's: 1-based line, 1-based byte column,
/// column 0 when the compiler omitted it (columns above 255).
/// </summary>
/// <param name="Index">Position in <see cref="EscapeLog.Diagnostics"/>.</param>
/// <param name="Package">The package from the preceding <c># package</c> header (text) or the logopt header (JSON); empty if none.</param>
/// <param name="File">The path as the compiler printed it (relative to the build directory or absolute).</param>
/// <param name="Function">
/// The nearest function announced above this line in the same file by a can-inline / cannot-inline
/// diagnostic; empty when there is none. With plain <c>-m</c> only inlinable functions are
/// announced, so this can name the previous inlinable function instead of the real one.
/// </param>
/// <param name="Subject">The variable, expression, parameter or function the message is about; empty for
/// <see cref="EscapeKind.Other"/>.</param>
/// <param name="Message">The message verbatim (a <c>-m=2</c> header such as <c>parameter p leaks to {heap} with derefs=0:</c> keeps its
/// ':').</param>
/// <param name="FlowStepCount">Number of explanation steps attached (0 without <c>-m=2</c>).</param>
/// <param name="LogLine">1-based line in the log file (text form) or in the JSON file (JSON form) where the diagnostic was read.</param>
public sealed record EscapeDiagnostic(
    int Index, string Package, string File, int Line, int Column, string Function,
    EscapeKind Kind, string Subject, string Message, int FlowStepCount, long LogLine)
{
    internal int FirstStep { get; init; }
}

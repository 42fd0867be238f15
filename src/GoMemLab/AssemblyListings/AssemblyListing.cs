using GoMemLab.Inputs;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.AssemblyListings;

/// <summary>
/// The allocation calls of one <c>go build -gcflags=-S</c> (or <c>go tool compile -S</c>) listing: every call to a
/// runtime allocation function (<see cref="AllocationFunctions"/>) at the source line the assembler attributes it to,
/// in listing order. Functions start at a <c>SYMBOL STEXT size=…</c> header; data symbols and their hex dumps are skipped.
/// </summary>
public sealed class AssemblyListing : ITableResult
{
    private AssemblyListing(string source, IReadOnlyList<AllocationCall> calls)
    {
        Source = source;
        Calls = calls;
    }

    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["package"] = CommonColumns.Package,
        ["function"] = "The function symbol the call is in, as the listing prints it.",
        ["file"] = "The source file the assembler attributes the call to (innermost, for inlined code).",
        ["line"] = CommonColumns.Line,
        ["runtime_function"] = CommonColumns.RuntimeFunction,
        ["pc"] = "Offset of the CALL within the function (the listing's hex column, as a number).",
    };

    /// <summary>What each column of <see cref="CallsByFunction"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ByFunctionColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["function"] = "The function symbol the calls are in, as the listing prints it.",
        ["runtime_function"] = CommonColumns.RuntimeFunction,
        ["calls"] = "How many such calls the function makes.",
    };

    /// <summary>Reads a listing file (gzip allowed).</summary>
    /// <exception cref="InputFormatException">Missing or empty file, binary content, or no STEXT function in a non-empty file.</exception>
    /// <remarks>Cancelling <paramref name="cancel"/> stops the read within about a megabyte with
    /// <see cref="OperationCanceledException"/>.</remarks>
    public static AssemblyListing Load(string path, CancellationToken cancel = default) =>
        new(path, AssemblyListingReader.Read(InputFile.ReadCompilerOutput(path, "-S"), path, cancel));

    /// <summary>
    /// Reads a listing held in memory (e.g. <c>GoCompilerBuild.Result.Output</c> of a <c>-S</c> build), as <see cref="Load"/>
    /// reads a file; <paramref name="name"/> names it in messages.
    /// </summary>
    /// <exception cref="InputFormatException">Binary content, or no STEXT function in non-empty text.</exception>
    public static AssemblyListing Parse(byte[] text, string name, CancellationToken cancel = default) =>
        new(name, AssemblyListingReader.Read(text, name, cancel));

    /// <summary>As <see cref="Parse(byte[], string, CancellationToken)"/>, for the text as a string.</summary>
    public static AssemblyListing Parse(string text, string name, CancellationToken cancel = default) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(text), name, cancel);

    /// <summary>The file the listing was read from, or the name it was given.</summary>
    public string Source { get; }

    /// <summary>Every allocation call, in listing order.</summary>
    public IReadOnlyList<AllocationCall> Calls { get; }

    /// <summary>One row per call: package, function, file, line, runtime_function, pc
    /// (<see cref="AllocationCallTable.ToDataFrame"/>).</summary>
    public DataFrame ToDataFrame() => AllocationCallTable.ToDataFrame(Calls);

    /// <summary>Calls counted per function and runtime function, most first (<see cref="AllocationCallTable.ByFunction"/>).</summary>
    public DataFrame CallsByFunction() => AllocationCallTable.ByFunction(Calls);

    /// <summary>One line: source, number of calls and functions.</summary>
    public override string ToString() =>
        $"{Source}: {Calls.Count} allocation calls in {Calls.Select(c => c.Function).Distinct().Count()} functions";
}

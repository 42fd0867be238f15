namespace GoMemLab.AssemblyListings;

/// <summary>
/// One call to a runtime allocation function in a <c>-S</c> listing, at the source line the
/// assembler attributes it to. For inlined code that is the innermost (callee's) file and line,
/// which is also where the compiler reports the escape decision.
/// </summary>
/// <param name="Package">From the preceding <c># package</c> header; empty if none.</param>
/// <param name="Function">The STEXT symbol the call is in, as printed (<c>pkg.(*T).M</c>, <c>"".F</c> with plain <c>go tool
/// compile</c>).</param>
/// <param name="File">Absolute path as printed by the assembler.</param>
/// <param name="RuntimeFunction">The callee without the <c>runtime.</c> prefix and <c>(SB)</c>, e.g. <c>newobject</c>.</param>
/// <param name="ProgramCounter">Offset of the CALL within the function (the listing's hex column).</param>
/// <param name="ListingLine">1-based line of the listing.</param>
public sealed record AllocationCall(string Package, string Function, string File, int Line, string RuntimeFunction, int ProgramCounter,
    long ListingLine);

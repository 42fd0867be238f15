using Microsoft.Data.Analysis;

namespace GoMemLab.AssemblyListings;

/// <summary>Tables of <see cref="AllocationCall"/>s.</summary>
public static class AllocationCallTable
{
    /// <summary>One row per call: package, function, file, line, runtime_function, pc (in listing order).</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<AllocationCall> calls) => new(
        new StringDataFrameColumn("package", calls.Select(c => c.Package)),
        new StringDataFrameColumn("function", calls.Select(c => c.Function)),
        new StringDataFrameColumn("file", calls.Select(c => c.File)),
        new Int32DataFrameColumn("line", calls.Select(c => c.Line)),
        new StringDataFrameColumn("runtime_function", calls.Select(c => c.RuntimeFunction)),
        new Int32DataFrameColumn("pc", calls.Select(c => c.ProgramCounter)));

    /// <summary>Calls counted per function and runtime function: function, runtime_function, calls; most calls first.</summary>
    public static DataFrame ByFunction(IReadOnlyList<AllocationCall> calls)
    {
        var groups = calls.GroupBy(c => (c.Function, c.RuntimeFunction))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Function, StringComparer.Ordinal)
            .ThenBy(g => g.Key.RuntimeFunction, StringComparer.Ordinal).ToList();
        return new DataFrame(
            new StringDataFrameColumn("function", groups.Select(g => g.Key.Function)),
            new StringDataFrameColumn("runtime_function", groups.Select(g => g.Key.RuntimeFunction)),
            new Int64DataFrameColumn("calls", groups.Select(g => (long)g.Count())));
    }
}

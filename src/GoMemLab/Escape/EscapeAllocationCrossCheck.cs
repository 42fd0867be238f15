using GoMemLab.AssemblyListing;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>
/// Joins the heap decisions of an escape log with the allocation calls of a <c>-S</c> listing of the
/// same build by file and line. The log prints paths relative to the build directory, the listing
/// absolute ones: a log file matches the listing file whose path ends with it on a '/' boundary.
/// Statuses per line: <c>agree</c> (decision and call), <c>decision-without-call</c> (e.g. the value
/// was boxed from static data, or the call sits on another line), <c>call-without-decision</c>
/// (growslice and stack-buffered conversions have no decision by design; the <c>may_not_allocate</c>
/// column flags them).
/// </summary>
public static class EscapeAllocationCrossCheck
{
    /// <summary>One source line with heap decisions and/or allocation calls.</summary>
    public sealed record Row(string Status, string File, int Line, string Function, IReadOnlyList<string> Decisions,
        IReadOnlyList<string> Calls, bool MayNotAllocate);

    /// <summary>Compares; rows ordered by file then line.</summary>
    public static IReadOnlyList<Row> Compare(EscapeLog log, IReadOnlyList<AllocationCall> calls)
    {
        var listingFiles = calls.Select(c => c.File).Distinct().ToList();
        var fileMap = new Dictionary<string, string>(StringComparer.Ordinal);
        string Resolve(string logFile)
        {
            if (fileMap.TryGetValue(logFile, out var known)) return known;
            var match = listingFiles.FirstOrDefault(f => LoggedPath.SameFile(f, logFile));
            return fileMap[logFile] = match ?? logFile;
        }

        var decisions = log.Diagnostics.Where(d => d.Kind.IsHeapDecision())
            .GroupBy(d => (File: Resolve(d.File), d.Line)).ToDictionary(g => g.Key, g => g.ToList());
        var callsByLine = calls.GroupBy(c => (c.File, c.Line)).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<Row>();
        foreach (var key in decisions.Keys.Union(callsByLine.Keys).OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line))
        {
            var ds = decisions.TryGetValue(key, out var d) ? d : [];
            var cs = callsByLine.TryGetValue(key, out var c) ? c : [];
            var status = ds.Count > 0 && cs.Count > 0 ? "agree" : ds.Count > 0 ? "decision-without-call" : "call-without-decision";
            var function = cs.Count > 0 ? cs[0].Function : ds[0].Function;
            rows.Add(new Row(status, key.File, key.Line, function, ds.Select(x => x.Message).ToList(),
                cs.Select(x => x.RuntimeFunction).ToList(), cs.Count > 0 && cs.All(x => AllocationFunctions.MayNotAllocate(x.RuntimeFunction))));
        }
        return rows;
    }

    /// <summary>Columns: status, file, line, function, decisions, calls, may_not_allocate (lists joined with "; ").</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<Row> rows) => new(
        new StringDataFrameColumn("status", rows.Select(r => r.Status)),
        new StringDataFrameColumn("file", rows.Select(r => r.File)),
        new Int32DataFrameColumn("line", rows.Select(r => r.Line)),
        new StringDataFrameColumn("function", rows.Select(r => r.Function)),
        new StringDataFrameColumn("decisions", rows.Select(r => string.Join("; ", r.Decisions))),
        new StringDataFrameColumn("calls", rows.Select(r => string.Join("; ", r.Calls))),
        new BooleanDataFrameColumn("may_not_allocate", rows.Select(r => r.MayNotAllocate)));
}

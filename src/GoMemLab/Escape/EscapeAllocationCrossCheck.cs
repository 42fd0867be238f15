using GoMemLab.AssemblyListings;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Escape;

/// <summary>How a source line's heap decisions and allocation calls agree (<see cref="EscapeAllocationCrossCheck"/>).</summary>
public enum CrossCheckStatus
{
    /// <summary>A heap decision and an allocation call on the line.</summary>
    Agree,
    /// <summary>A heap decision but no call (e.g. the value was boxed from static data, or the call sits on another line).</summary>
    DecisionWithoutCall,
    /// <summary>A call but no decision (growslice and stack-buffered conversions have none by design).</summary>
    CallWithoutDecision,
}

/// <summary>Spelling of <see cref="CrossCheckStatus"/> in tables (the <c>status</c> column).</summary>
public static class CrossCheckStatusText
{
    /// <summary><c>agree</c>, <c>decision-without-call</c> or <c>call-without-decision</c>.</summary>
    public static string ToText(this CrossCheckStatus status) => status switch
    {
        CrossCheckStatus.Agree => "agree",
        CrossCheckStatus.DecisionWithoutCall => "decision-without-call",
        CrossCheckStatus.CallWithoutDecision => "call-without-decision",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// Joins the heap decisions of an escape log with the allocation calls of a <c>-S</c> listing of the
/// same build by file and line. The log prints paths relative to the build directory, the listing
/// absolute ones: a log file matches the listing file whose path ends with it on a '/' boundary.
/// Each line gets a <see cref="CrossCheckStatus"/>; calls that may not allocate (growslice, stack-buffered
/// conversions) are flagged, since no decision is expected for them.
/// </summary>
public static class EscapeAllocationCrossCheck
{
    /// <summary>One source line with heap decisions and/or allocation calls.</summary>
    public sealed record Row(CrossCheckStatus Status, string File, int Line, string Function, IReadOnlyList<string> Decisions,
        IReadOnlyList<string> Calls, bool MayNotAllocate);

    /// <summary>The rows, ordered by file then line.</summary>
    public sealed record Result(IReadOnlyList<Row> Rows) : ITableResult
    {
        /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
        public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
        {
            ["status"] = "agree (a heap decision and an allocation call on the line), decision-without-call or call-without-decision.",
            ["file"] = "Source file, as the listing names it (the log's when the listing has no call in it).",
            ["line"] = CommonColumns.Line,
            ["function"] = CommonColumns.Function,
            ["decisions"] = "The heap decisions on the line, \"; \"-joined.",
            ["calls"] = "The runtime allocation functions called on the line, \"; \"-joined.",
            ["may_not_allocate"] = "True when every call is one that may not allocate (growslice, stack-buffered conversions): no "
                + "decision is expected.",
        };

        /// <summary>Columns: status, file, line, function, decisions, calls, may_not_allocate (lists joined with "; ").</summary>
        public DataFrame ToDataFrame() => new(
            new StringDataFrameColumn("status", Rows.Select(r => r.Status.ToText())),
            new StringDataFrameColumn("file", Rows.Select(r => r.File)),
            new Int32DataFrameColumn("line", Rows.Select(r => r.Line)),
            new StringDataFrameColumn("function", Rows.Select(r => r.Function)),
            new StringDataFrameColumn("decisions", Rows.Select(r => string.Join("; ", r.Decisions))),
            new StringDataFrameColumn("calls", Rows.Select(r => string.Join("; ", r.Calls))),
            new BooleanDataFrameColumn("may_not_allocate", Rows.Select(r => r.MayNotAllocate)));
    }

    /// <summary>Joins the heap decisions of <paramref name="log"/> with the calls of <paramref name="listing"/> (the same build).</summary>
    public static Result Compare(EscapeLog log, AssemblyListing listing)
    {
        var calls = listing.Calls;
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
            var status = ds.Count > 0 && cs.Count > 0 ? CrossCheckStatus.Agree
                : ds.Count > 0 ? CrossCheckStatus.DecisionWithoutCall : CrossCheckStatus.CallWithoutDecision;
            var function = cs.Count > 0 ? cs[0].Function : ds[0].Function;
            rows.Add(new Row(status, key.File, key.Line, function, ds.Select(x => x.Message).ToList(),
                cs.Select(x => x.RuntimeFunction).ToList(),
                    cs.Count > 0 && cs.All(x => AllocationFunctions.MayNotAllocate(x.RuntimeFunction))));
        }
        return new Result(rows);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// One <c>scan:</c> line that <c>GODEBUG=gctrace=2</c> prints after a GC's gctrace line in Go 1.25+ (runtime's
/// <c>dumpScanStats</c>): the objects the mark phase scanned, in total or for one size class ("L" for large objects,
/// "48B" for a small size class). Without the Green Tea collector (runtime/mgcmark_nogreenteagc.go) the line reads
/// <c>scan: class 48B 120 objs</c>; with it (runtime/mgcmark_greenteagc.go, the default from Go 1.26) objects split into
/// scanned one by one, in sparse spans and in dense spans, and spans into sparse and dense:
/// <c>scan: class 48B 10+20+30=60 objs, 2+3=5 spans</c>. Parts a form does not print are null.
/// </summary>
public sealed record GcScanStat(
    int Gc,
    string SizeClass,
    long Objects,
    long? SparseObjects,
    long? SpanSparseObjects,
    long? SpanDenseObjects,
    long? SparseSpans,
    long? DenseSpans,
    long? Spans,
    long LineNumber)
{
    private static readonly Regex Line = new(
        @"^scan: (?:total|class (L|\d+B)) (?:(\d+)\+(\d+)\+(\d+)=)?(\d+) objs(?:, (\d+)\+(\d+)=(\d+) spans)?$",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>True when <paramref name="line"/> starts like one ("scan: ").</summary>
    public static bool LooksLikeScanLine(ReadOnlySpan<byte> line) => line.StartsWith("scan: "u8);

    /// <summary>Parses one line for GC number <paramref name="gc"/> (the gctrace line it follows); false when it is damaged.</summary>
    public static bool TryParse(string text, int gc, long lineNumber, out GcScanStat? stat)
    {
        stat = null;
        var m = Line.Match(text.TrimEnd('\r'));
        if (!m.Success) return false;
        long? N(int group) => m.Groups[group].Success && long.TryParse(m.Groups[group].Value, NumberStyles.None,
            CultureInfo.InvariantCulture, out var v)
            ? v : null;
        if (N(5) is not { } objects) return false;
        stat = new GcScanStat(gc, m.Groups[1].Success ? m.Groups[1].Value : "total", objects, N(2), N(3), N(4), N(6), N(7), N(8),
            lineNumber);
        return true;
    }

    /// <summary>One row per line: gc, size_class, objects, the Green Tea parts (empty otherwise), spans.</summary>
    public static DataFrame ToDataFrame(IEnumerable<GcScanStat> stats)
    {
        var list = stats.ToList();
        return new DataFrame(
            new Int32DataFrameColumn("gc", list.Select(s => s.Gc)),
            new StringDataFrameColumn("size_class", list.Select(s => s.SizeClass)),
            new Int64DataFrameColumn("objects", list.Select(s => s.Objects)),
            new Int64DataFrameColumn("sparse_objects", list.Select(s => s.SparseObjects)),
            new Int64DataFrameColumn("span_sparse_objects", list.Select(s => s.SpanSparseObjects)),
            new Int64DataFrameColumn("span_dense_objects", list.Select(s => s.SpanDenseObjects)),
            new Int64DataFrameColumn("sparse_spans", list.Select(s => s.SparseSpans)),
            new Int64DataFrameColumn("dense_spans", list.Select(s => s.DenseSpans)),
            new Int64DataFrameColumn("spans", list.Select(s => s.Spans)));
    }
}

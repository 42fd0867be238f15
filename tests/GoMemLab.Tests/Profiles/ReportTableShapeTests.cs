using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// The table of every report in Profiles/Analyses, built from the committed heap artifacts: its columns in order
/// (the CLI's CSV headers, which other tools read: written out here, checked against the header each command's
/// reference page shows), every cell equal to the row property the column documents, and a meaning per column equal
/// to the text the command's reference page prints (docs/reference/cli). Tables or columns no page prints are named
/// in <see cref="Shape.Unprinted"/>; their meanings are only required to exist.
/// </summary>
public class ReportTableShapeTests
{
    private static Profile Heap(string name) => Profile.Load(RepoPaths.Artifact("heap", name));

    private static readonly Lazy<Profile> Heap4 = new(() => Heap("leaky-heap-4.pb.gz"));
    private static readonly Lazy<HeapTrendReport> Trend = new(() =>
        HeapTrend.Compute([.. Enumerable.Range(1, 4).Select(n => Heap($"leaky-heap-{n}.pb.gz"))]));

    /// <param name="Columns">The contract: column names in order.</param>
    /// <param name="Build">The report's table and, per row, the row's properties in column order.</param>
    /// <param name="Page">The docs/reference/cli page printing the command's columns, or null.</param>
    /// <param name="Unprinted">Columns whose meaning no reference page prints.</param>
    private sealed record Shape(string[] Columns, Lazy<(DataFrame Frame, IReadOnlyList<object?[]> Cells)> Build,
        IReadOnlyDictionary<string, string> Meanings, string? Page, string[] Unprinted);

    private static Shape Of<T>(Func<(IEnumerable<T> Rows, DataFrame Frame)> build, IReadOnlyDictionary<string, string> meanings,
        string? page, string[] unprinted, params (string Column, Func<T, object?> Cell)[] columns) =>
        new([.. columns.Select(c => c.Column)], new(() =>
        {
            var (rows, frame) = build();
            return (frame, rows.Select(r => columns.Select(c => c.Cell(r)).ToArray()).ToList());
        }), meanings, page, unprinted);

    private static readonly Dictionary<string, Shape> Shapes = new()
    {
        // Line granularity, so that function, file and line all carry something.
        ["TopReport"] = Of<TopRow>(() =>
            {
                var top = Heap4.Value.Top(new TopOptions { Granularity = Granularity.Lines });
                return (top.Rows, top.ToDataFrame());
            }, TopReport.ColumnMeanings, "pprof-top", ["function", "file", "line"],
            ("name", r => r.Name), ("flat", r => r.Flat), ("flat_pct", r => r.FlatPercent), ("sum_pct", r => r.SumPercent),
            ("cum", r => r.Cum), ("cum_pct", r => r.CumPercent), ("inline", r => r.Inline), ("partial_inline", r => r.PartialInline),
            ("function", r => r.Identity.Name), ("file", r => r.Identity.File), ("line", r => r.Identity.Line)),
        ["AllocVsInuseReport"] = Of<AllocVsInuseRow>(() =>
            {
                var report = Heap4.Value.AllocVsInuse();
                return (report.Rows, report.ToDataFrame());
            }, AllocVsInuseReport.ColumnMeanings, "pprof-compare", [],
            ("function", r => r.Function), ("alloc_space", r => r.AllocSpace), ("alloc_objects", r => r.AllocObjects),
            ("inuse_space", r => r.InuseSpace), ("inuse_objects", r => r.InuseObjects), ("retention_ratio", r => r.RetentionRatio),
            ("avg_object_size", r => r.AverageObjectSize)),
        ["LeakSuspectsReport"] = Of<LeakSuspect>(() =>
            {
                var report = Heap4.Value.LeakSuspects();
                return (report.Rows, report.ToDataFrame());
            }, LeakSuspectsReport.ColumnMeanings, "pprof-compare", [],
            ("function", r => r.Function), ("alloc_space", r => r.AllocSpace), ("alloc_objects", r => r.AllocObjects),
            ("inuse_space", r => r.InuseSpace), ("inuse_objects", r => r.InuseObjects), ("retention_ratio", r => r.RetentionRatio),
            ("avg_object_size", r => r.AverageObjectSize), ("inuse_share", r => r.InuseShare)),
        // A diff, so that current, base and delta differ; `pprof flame` writes HTML, no page prints its columns.
        ["FlameGraphReport"] = Of<FlameNode>(() =>
            {
                var flame = FlameGraph.Compute(ProfileDiff.Compare(Heap("leaky-heap-1.pb.gz"), Heap4.Value), minimumShare: 0);
                return (flame.Rows, flame.ToDataFrame());
            }, FlameGraphReport.ColumnMeanings, null, ["id", "parent", "name", "depth", "value", "self", "current", "base", "delta"],
            ("id", r => r.Id), ("parent", r => r.Parent), ("name", r => r.Name), ("depth", r => r.Depth), ("value", r => r.Value),
            ("self", r => r.Self), ("current", r => r.Current), ("base", r => r.Base), ("delta", r => r.Delta)),
        ["HeapTrendReport"] = Of<HeapTrendRow>(() => (Trend.Value.Rows, Trend.Value.ToDataFrame()),
            HeapTrendReport.ColumnMeanings, "pprof-trend", [],
            ("function", r => r.Function), ("first", r => r.First), ("last", r => r.Last), ("change", r => r.Change),
            ("slope_per_minute", r => r.SlopePerMinute), ("r_squared", r => r.RSquared), ("snapshots_present", r => r.SnapshotsPresent)),
        // `pprof trend --series`: the page's example prints the ranking, not the series.
        ["HeapTrendReport points"] = Of<HeapTrendPoint>(() => (Trend.Value.Points, Trend.Value.PointsToDataFrame()),
            HeapTrendReport.PointColumnMeanings, null, ["function", "snapshot", "source", "time", "minutes", "value"],
            ("function", p => p.Function), ("snapshot", p => p.Snapshot), ("source", p => p.Source), ("time", p => p.Time.UtcDateTime),
            ("minutes", p => p.Minutes), ("value", p => p.Value)),
    };

    public static TheoryData<string> Tables() => [.. Shapes.Keys];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Columns_are_the_contract_in_order(string table)
    {
        var shape = Shapes[table];
        Assert.Equal(shape.Columns, shape.Build.Value.Frame.Columns.Select(c => c.Name));
        if (shape.Page is null) return;
        // The CLI prints a table with more columns after the contract (top's join columns) or fewer (compare
        // without --suspects has no inuse_share): the shorter is the start of the longer.
        var header = ReferencePageColumns.CsvHeader(shape.Page);
        var common = Math.Min(header.Count, shape.Columns.Length);
        Assert.Equal(header.Take(common), shape.Columns.Take(common));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_cell_is_the_row_property_its_column_documents(string table)
    {
        var shape = Shapes[table];
        var (frame, cells) = shape.Build.Value;
        Assert.True(cells.Count >= 3, $"{table}: only {cells.Count} rows");
        Assert.Equal(cells.Count, frame.Rows.Count);
        for (var row = 0; row < cells.Count; row++)
            for (var column = 0; column < shape.Columns.Length; column++)
                Assert.True(Equals(cells[row][column], frame.Columns[column][row]),
                    $"{table} row {row} {shape.Columns[column]}: table {frame.Columns[column][row]}, row {cells[row][column]}");
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_column_has_the_meaning_its_reference_page_prints(string table)
    {
        var shape = Shapes[table];
        Assert.Equal(shape.Columns.Order(StringComparer.Ordinal), shape.Meanings.Keys.Order(StringComparer.Ordinal));
        var printed = shape.Page is null ? new Dictionary<string, string>() : ReferencePageColumns.Meanings(shape.Page);
        var header = shape.Page is null ? [] : ReferencePageColumns.CsvHeader(shape.Page);
        foreach (var column in shape.Columns)
        {
            var meaning = shape.Meanings[column];
            if (shape.Unprinted.Contains(column))
            {
                Assert.False(printed.ContainsKey(column), $"{shape.Page} prints {column}: compare it");
                Assert.False(string.IsNullOrWhiteSpace(meaning), $"{table}: {column} has no meaning");
                continue;
            }
            Assert.True(printed.TryGetValue(column, out var onPage), $"{shape.Page} does not print {column}");
            // The generator marks columns of the aligned table that the CSV leaves out (CliReferencePages.cs).
            Assert.Equal(header.Contains(column) ? onPage : onPage[..^" Table format only.".Length], meaning);
        }
    }

    [Fact]
    public void Top_and_compare_name_their_csv_contracts()
    {
        string[] top = ["name", "flat", "flat_pct", "sum_pct", "cum", "cum_pct", "inline"];
        Assert.Equal(top, ReferencePageColumns.CsvHeader("pprof-top"));
        Assert.Equal(top, TopReport.ContractColumns);
        var report = Heap4.Value.Top(new TopOptions { Granularity = Granularity.Lines });
        var (full, contract) = (report.ToDataFrame(), report.ToContractDataFrame());
        Assert.Equal(top, contract.Columns.Select(c => c.Name));
        Assert.Equal(full.Rows.Count, contract.Rows.Count);
        foreach (var column in top)
            Assert.Equal(full.Columns[column].Cast<object?>(), contract.Columns[column].Cast<object?>());

        string[] compare = ["function", "alloc_space", "alloc_objects", "inuse_space", "inuse_objects", "retention_ratio",
            "avg_object_size"];
        Assert.Equal(compare, AllocVsInuseReport.Columns);
        Assert.Equal([.. compare, "inuse_share"], ReferencePageColumns.CsvHeader("pprof-compare"));
    }
}

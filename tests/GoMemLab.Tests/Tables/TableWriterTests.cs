using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Tables;

public class TableWriterTests
{
    private static DataFrame Sample() => new(
        new StringDataFrameColumn("name", ["main.handle", "a,b \"quoted\"", null!]),
        new Int64DataFrameColumn("flat", [1234567890123L, 0L, 7L]),
        new DoubleDataFrameColumn("pct", [12.5, 0.1, double.NaN]));

    [Fact]
    public void Csv_quotes_only_what_needs_quoting_and_keeps_exact_integers()
    {
        var csv = TableWriter.ToString(Sample(), TableFormat.Csv);
        Assert.Equal("name,flat,pct\nmain.handle,1234567890123,12.5\n\"a,b \"\"quoted\"\"\",0,0.1\n,7,\n", csv);
    }

    [Fact]
    public void Json_writes_numbers_as_numbers_and_nan_as_null()
    {
        var json = System.Text.Json.JsonDocument.Parse(TableWriter.ToString(Sample(), TableFormat.Json));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(1234567890123L, rows[0].GetProperty("flat").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows[2].GetProperty("pct").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows[2].GetProperty("name").ValueKind);
    }

    [Fact]
    public void Text_right_aligns_numbers()
    {
        var lines = TableWriter.ToString(Sample(), TableFormat.Table).Split('\n');
        Assert.EndsWith("pct", lines[0]);
        Assert.Contains("1234567890123", lines[1]);
        Assert.Equal(lines[1].IndexOf("1234567890123") + 13, lines[2].IndexOf(" 0 ") + 2);
    }

    private const string LongFlow =
        "make([]byte, archiveScratch) → scratch → {heap}: receipts <- scratch (send) at cmd/leaky/audit.go:40:12; "
        + "from archive(r, scratch) (call parameter) at cmd/leaky/audit.go:30:9 and "
        + "example.com/leaky/internal/very/long/import/path/without/any/space/at/all.go:12";

    private static DataFrame Long() => new(
        new StringDataFrameColumn("site", ["a.go:1", "b.go:2"]),
        new Int64DataFrameColumn("bytes", [10L, 20L]),
        new StringDataFrameColumn("flow", [LongFlow, "short"]));

    [Fact]
    public void Text_wraps_a_long_cell_and_csv_and_json_keep_it_whole()
    {
        var lines = TableWriter.ToString(Long(), TableFormat.Table).TrimEnd('\n').Split('\n');
        var flowStart = lines[0].IndexOf("flow", StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length - flowStart <= TableWriter.MaxTextCellWidth, $"too wide: {l}"));
        // The first row continues on lines whose other columns are blank, and its pieces give the whole flow back.
        var firstRow = lines.Skip(1).TakeWhile((l, i) => i == 0 || l[..flowStart].Trim().Length == 0).ToList();
        Assert.True(firstRow.Count >= 4, string.Join("\n", lines));
        Assert.Equal(LongFlow.Replace(" ", ""), string.Concat(firstRow.Select(l => l[flowStart..].Replace(" ", ""))));
        Assert.StartsWith("b.go:2", lines[firstRow.Count + 1]);
        Assert.Contains(LongFlow, TableWriter.ToString(Long(), TableFormat.Csv));
        Assert.Equal(LongFlow, System.Text.Json.JsonDocument.Parse(TableWriter.ToString(Long(),
            TableFormat.Json)).RootElement[0].GetProperty("flow").GetString());
    }

    [Fact]
    public void A_table_that_fits_a_wide_line_is_not_wrapped()
    {
        var value = "alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes";
        var frame = new DataFrame(new StringDataFrameColumn("field", ["sample_types"]), new StringDataFrameColumn("value", [value]));
        var lines = TableWriter.ToString(frame, TableFormat.Table).TrimEnd('\n').Split('\n');
        Assert.Equal(["field         value", "sample_types  " + value], lines);
    }

    [Theory]
    [InlineData("fits", 10, new[] { "fits" })]
    [InlineData("one two three", 7, new[] { "one two", "three" })]
    [InlineData("example.com/leaky/internal/cache", 12, new[] { "example.com/", "leaky/", "internal/", "cache" })]
    [InlineData("abcdefghij", 4, new[] { "abcd", "efgh", "ij" })]
    public void Cells_break_at_spaces_then_separators_then_anywhere(string text, int width, string[] expected) =>
        Assert.Equal(expected, CellWrapping.Wrap(text, width));
}

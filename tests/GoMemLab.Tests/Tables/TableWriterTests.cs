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
}

using GoMemLab.Tables;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;
using Parquet;

namespace GoMemLab.Tests.Tables;

public class TableExportTests
{
    private static DataFrame Sample() => new(
        new StringDataFrameColumn("name", ["main.handle", null!]),
        new Int64DataFrameColumn("flat", [9_007_199_254_740_993L, 7L]),
        new DoubleDataFrameColumn("ratio", [0.25, double.NaN]),
        new BooleanDataFrameColumn("inline", [true, false]));

    [Fact]
    public async Task Parquet_keeps_types_exact_int64_and_nulls()
    {
        using var dir = new TempDirectory();
        var path = dir.File("t.parquet");
        await TableExport.SaveAsync(Sample(), path);
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["name", "flat", "ratio", "inline"], fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        var flat = new long?[2];
        await group.ReadAsync<long>(fields[1], flat.AsMemory(), null, CancellationToken.None);
        Assert.Equal(new long?[] { 9_007_199_254_740_993L, 7L }, flat);
        var names = new string?[2];
        await group.ReadAsync(fields[0], names.AsMemory(), null, CancellationToken.None);
        Assert.Equal(new string?[] { "main.handle", null }, names);
    }

    [Fact]
    public async Task Json_lines_has_one_object_per_row()
    {
        using var dir = new TempDirectory();
        var path = dir.File("t.jsonl");
        await TableExport.SaveAsync(Sample(), path);
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Equal("{\"name\":\"main.handle\",\"flat\":9007199254740993,\"ratio\":0.25,\"inline\":true}", lines[0]);
        Assert.Equal("{\"name\":null,\"flat\":7,\"ratio\":null,\"inline\":false}", lines[1]);
    }

    [Fact]
    public void Unknown_extension_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => TableExport.FormatFor("out/top.xlsx"));
        Assert.Contains("use .csv, .jsonl or .parquet", e.Message);
    }
}

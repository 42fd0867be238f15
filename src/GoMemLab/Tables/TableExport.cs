using System.Text;
using System.Text.Json;
using Microsoft.Data.Analysis;
using Parquet;
using Parquet.Schema;

namespace GoMemLab.Tables;

/// <summary>The file formats every GoMemLab table can be exported to.</summary>
public enum ExportFormat
{
    Csv,
    JsonLines,
    Parquet,
}

/// <summary>
/// Exports any GoMemLab table so that the analysis can continue elsewhere: CSV for spreadsheets, JSON
/// lines for jq and log pipelines, Parquet for DuckDB and Spark (`SELECT * FROM 'top.parquet'`).
/// Column types are kept (64-bit integers stay exact, nulls stay null). Exports only ever write the
/// path they are given.
/// </summary>
public static class TableExport
{
    /// <summary>Picks the format from the file extension: .csv, .jsonl/.ndjson, .parquet.</summary>
    public static ExportFormat FormatFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ExportFormat.Csv,
        ".jsonl" or ".ndjson" => ExportFormat.JsonLines,
        ".parquet" => ExportFormat.Parquet,
        var other => throw new ArgumentException($"cannot tell the export format from '{other}' in {path}: use .csv, .jsonl or .parquet"),
    };

    public static Task SaveAsync(DataFrame frame, string path, CancellationToken cancellation = default) =>
        SaveAsync(frame, path, FormatFor(path), cancellation);

    public static async Task SaveAsync(DataFrame frame, string path, ExportFormat format, CancellationToken cancellation = default)
    {
        switch (format)
        {
            case ExportFormat.Csv:
                await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                    TableWriter.WriteCsv(frame, writer);
                break;
            case ExportFormat.JsonLines:
                await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                    WriteJsonLines(frame, writer);
                break;
            case ExportFormat.Parquet:
                await using (var stream = File.Create(path))
                    await WriteParquetAsync(frame, stream, cancellation);
                break;
        }
    }

    /// <summary>One JSON object per row and line, the same values as <see cref="TableWriter.WriteJson"/>.</summary>
    public static void WriteJsonLines(DataFrame frame, TextWriter output)
    {
        var buffer = new MemoryStream();
        for (long row = 0; row < frame.Rows.Count; row++)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach (var column in frame.Columns)
                {
                    json.WritePropertyName(column.Name);
                    TableWriter.WriteJsonValue(json, column[row]);
                }
                json.WriteEndObject();
            }
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            output.Write('\n');
        }
    }

    /// <summary>One row group with one typed, nullable Parquet column per DataFrame column.</summary>
    public static async Task WriteParquetAsync(DataFrame frame, Stream output, CancellationToken cancellation = default)
    {
        var fields = frame.Columns.Select(c => (Column: c, Field: FieldFor(c))).ToList();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Select(f => (Field)f.Field)), output,
            cancellationToken: cancellation);
        using var group = writer.CreateRowGroup();
        foreach (var (column, field) in fields)
        {
            switch (field)
            {
                case DataField<long?> f:
                    await group.WriteAsync<long>(f,
                    new ReadOnlyMemory<long?>(Values<long?>(column, v => Convert.ToInt64(v))), null, null, cancellation); break;
                case DataField<int?> f:
                    await group.WriteAsync<int>(f,
                    new ReadOnlyMemory<int?>(Values<int?>(column, v => Convert.ToInt32(v))), null, null, cancellation); break;
                case DataField<double?> f:
                    await group.WriteAsync<double>(f, new ReadOnlyMemory<double?>(Values<double?>(column,
                    v => Convert.ToDouble(v))), null, null, cancellation); break;
                case DataField<bool?> f:
                    await group.WriteAsync<bool>(f, new ReadOnlyMemory<bool?>(Values<bool?>(column, v => (bool)v)),
                    null, null, cancellation); break;
                case DataField<DateTime?> f:
                    await group.WriteAsync<DateTime>(f, new ReadOnlyMemory<DateTime?>(Values<DateTime?>(column,
                    v => (DateTime)v)), null, null, cancellation); break;
                default: await group.WriteAsync(field, Values<string?>(column, v => TableWriter.Cell(v)), null); break;
            }
        }
    }

    private static DataField FieldFor(DataFrameColumn column) => column.DataType switch
    {
        var t when t == typeof(long) || t == typeof(ulong) || t == typeof(uint) => new DataField<long?>(column.Name),
        var t when t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(ushort)
            || t == typeof(sbyte) => new DataField<int?>(column.Name),
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => new DataField<double?>(column.Name),
        var t when t == typeof(bool) => new DataField<bool?>(column.Name),
        var t when t == typeof(DateTime) => new DataField<DateTime?>(column.Name),
        _ => new DataField(column.Name, typeof(string), isNullable: true),
    };

    private static T[] Values<T>(DataFrameColumn column, Func<object, T> convert)
    {
        var values = new T[column.Length];
        for (long i = 0; i < column.Length; i++)
            values[i] = column[i] is { } v ? convert(v) : default!;
        return values;
    }
}

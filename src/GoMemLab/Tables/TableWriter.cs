using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tables;

/// <summary>
/// Writes a <see cref="DataFrame"/> as aligned text, CSV (RFC 4180) or JSON (an array of objects,
/// one per row). Numbers are written with the invariant culture and never scaled, so CSV and JSON
/// carry exact values; null cells are empty in CSV and null in JSON.
/// </summary>
public static class TableWriter
{
    public static void Write(DataFrame frame, TableFormat format, TextWriter output)
    {
        switch (format)
        {
            case TableFormat.Csv: WriteCsv(frame, output); break;
            case TableFormat.Json: WriteJson(frame, output); break;
            default: WriteText(frame, output); break;
        }
    }

    public static string ToString(DataFrame frame, TableFormat format)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(frame, format, writer);
        return writer.ToString();
    }

    /// <summary>Formats one cell exactly: integers as integers, doubles round-trippable, booleans lower-case.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : "",
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static void WriteCsv(DataFrame frame, TextWriter output)
    {
        output.Write(string.Join(",", frame.Columns.Select(c => CsvEscape(c.Name))));
        output.Write('\n');
        var line = new StringBuilder();
        for (long row = 0; row < frame.Rows.Count; row++)
        {
            line.Clear();
            for (int col = 0; col < frame.Columns.Count; col++)
            {
                if (col > 0) line.Append(',');
                line.Append(CsvEscape(Cell(frame.Columns[col][row])));
            }
            line.Append('\n');
            output.Write(line);
        }
    }

    public static void WriteJson(DataFrame frame, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            for (long row = 0; row < frame.Rows.Count; row++)
            {
                json.WriteStartObject();
                foreach (var column in frame.Columns)
                {
                    json.WritePropertyName(column.Name);
                    WriteJsonValue(json, column[row]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }

    /// <summary>
    /// The widest a text cell is drawn in <see cref="TableFormat.Table"/> output: longer cells wrap onto continuation lines
    /// (at a space, else after a separator such as '/'), so one long flow or path does not push a table hundreds of
    /// characters wide. CSV and JSON always keep the whole text.
    /// </summary>
    public const int MaxTextCellWidth = 60;

    /// <summary>A table whose lines fit in this many characters is drawn unwrapped (a key/value listing such as pprof info's).</summary>
    public const int MaxUnwrappedLineWidth = 160;

    /// <summary>
    /// Aligned text for people: numbers right-aligned; when the table would be wider than <see cref="MaxUnwrappedLineWidth"/>,
    /// text cells wider than <paramref name="maxCellWidth"/> wrap.
    /// </summary>
    public static void WriteText(DataFrame frame, TextWriter output, int maxCellWidth = MaxTextCellWidth)
    {
        var columns = frame.Columns.ToList();
        var numeric = columns.Select(c => c.DataType != typeof(string) && c.DataType != typeof(bool)).ToArray();
        var natural = columns.Select(c => Math.Max(c.Name.Length, Enumerable.Range(0, (int)frame.Rows.Count)
            .Select(r => TextCell(c[r]).Length).DefaultIfEmpty(0).Max())).Sum() + 2 * Math.Max(0, columns.Count - 1);
        if (natural <= MaxUnwrappedLineWidth) maxCellWidth = int.MaxValue;
        var rows = new List<string[][]>((int)frame.Rows.Count + 1) { columns.Select(c => new[] { c.Name }).ToArray() };
        for (long row = 0; row < frame.Rows.Count; row++)
            rows.Add(columns.Select((c, i) => numeric[i] ? [TextCell(c[row])] : CellWrapping.Wrap(TextCell(c[row]),
                maxCellWidth)).ToArray());
        var widths = Enumerable.Range(0, columns.Count).Select(i => rows.Max(r => r[i].Max(piece => piece.Length))).ToArray();
        var line = new StringBuilder();
        foreach (var row in rows)
            for (var piece = 0; piece < row.Max(cell => cell.Length); piece++)
            {
                line.Clear();
                for (int i = 0; i < row.Length; i++)
                {
                    if (i > 0) line.Append("  ");
                    var text = piece < row[i].Length ? row[i][piece] : "";
                    if (numeric[i]) line.Append(text.PadLeft(widths[i]));
                    else line.Append(i == row.Length - 1 ? text : text.PadRight(widths[i]));
                }
                output.Write(line.ToString().TrimEnd());
                output.Write('\n');
            }
    }

    /// <summary>For people: doubles to at most four decimals (CSV and JSON keep every digit).</summary>
    internal static string TextCell(object? value) => value switch
    {
        double d when double.IsFinite(d) => d.ToString("0.####", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Cell(value),
    };

    /// <summary>Writes one cell as a JSON value: numbers as numbers, non-finite doubles as null.</summary>
    public static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case ulong u: json.WriteNumberValue(u); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case double: json.WriteNullValue(); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case float: json.WriteNullValue(); break;
            case decimal m: json.WriteNumberValue(m); break;
            case DateTime t: json.WriteStringValue(t); break;
            case DateTimeOffset t: json.WriteStringValue(t); break;
            default: json.WriteStringValue(Cell(value)); break;
        }
    }

    private static string CsvEscape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

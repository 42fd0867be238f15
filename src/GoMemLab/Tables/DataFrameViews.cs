using Microsoft.Data.Analysis;

namespace GoMemLab.Tables;

/// <summary>
/// The few views of a DataFrame a notebook reaches for when it shows part of a table: some columns, the rows whose
/// cell passes a test, doubles rounded for reading. Each returns a new frame and leaves the original as it was.
/// </summary>
public static class DataFrameViews
{
    /// <summary>The named columns, in the order given (copies). Throws <see cref="ArgumentException"/> naming an unknown column.</summary>
    public static DataFrame SelectColumns(this DataFrame frame, params string[] columns) =>
        new(columns.Select(c => Column(frame, c).Clone()));

    /// <summary>
    /// The rows whose cell in <paramref name="column"/>, as the CSV writes it (numbers in the invariant culture, null as ""), passes
    /// <paramref name="keep"/>. Throws <see cref="ArgumentException"/> naming an unknown column.
    /// </summary>
    public static DataFrame FilterRows(this DataFrame frame, string column, Func<string, bool> keep)
    {
        var cells = Column(frame, column);
        var mask = new PrimitiveDataFrameColumn<bool>("keep", cells.Length);
        for (long row = 0; row < cells.Length; row++) mask[row] = keep(TableWriter.Cell(cells[row]));
        return frame.Filter(mask);
    }

    /// <summary>The frame with every double column rounded to <paramref name="decimals"/> places (integers stay exact).</summary>
    public static DataFrame RoundDoubles(this DataFrame frame, int decimals = 2) =>
        new(frame.Columns.Select(c => c is DoubleDataFrameColumn d
            ? new DoubleDataFrameColumn(c.Name, d.Select(v => v is null ? (double?)null : Math.Round(v.Value, decimals)))
            : c.Clone()));

    private static DataFrameColumn Column(DataFrame frame, string name) =>
        frame.Columns.IndexOf(name) >= 0 ? frame.Columns[name]
        : throw new ArgumentException($"no column '{name}'; the table has: {string.Join(", ", frame.Columns.Select(c => c.Name))}");
}

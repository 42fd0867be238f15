using Microsoft.Data.Analysis;

namespace GoMemLab.Tables;

/// <summary>
/// A typed result (its rows are records) that also reads as a table: notebooks display it through
/// <see cref="ToDataFrame"/>, the command line prints and saves that table, and charts and cards read the rows.
/// Each implementation documents its columns in a static <c>ColumnMeanings</c> dictionary beside the code that
/// builds them (the reference pages show those meanings).
/// </summary>
public interface ITableResult
{
    /// <summary>The rows as a DataFrame, one column per field, in the documented order.</summary>
    DataFrame ToDataFrame();
}

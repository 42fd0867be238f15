using DuckDB.NET.Data;

namespace GoMemLab.Fleet;

/// <summary>Small helpers for the SQL the fleet code writes itself: quoting and one-shot commands.</summary>
internal static class Sql
{
    /// <summary>A double-quoted identifier (any name is safe, including ones with quotes or spaces).</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>A single-quoted string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}

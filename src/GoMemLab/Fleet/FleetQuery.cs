using System.Numerics;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;

namespace GoMemLab.Fleet;

/// <summary>Runs SQL on a fleet database and turns the result into a <see cref="DataFrame"/>.</summary>
internal static class FleetQuery
{
    /// <summary>
    /// Column types map to DataFrame columns: integers (up to 64 bits) to Int64, HUGEINT results of SUM to Int64 when
    /// every value fits (else Double), floating point and DECIMAL to Double, BOOLEAN to Boolean, TIMESTAMP to DateTime
    /// (UTC), everything else (VARCHAR, UUID, lists, structs, maps) to its text.
    /// </summary>
    public static DataFrame ToDataFrame(DuckDBConnection connection, string sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) throw new ArgumentException("the SQL statement is empty");
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var count = reader.FieldCount;
        var cells = Enumerable.Range(0, count).Select(_ => new List<object?>()).ToArray();
        while (reader.Read())
            for (var i = 0; i < count; i++)
                cells[i].Add(reader.IsDBNull(i) ? null : reader.GetValue(i));
        var frame = new DataFrame();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.GetName(i);
            // DataFrame column names must be unique; SQL's need not be (SELECT a.x, b.x).
            for (var n = 2; !names.Add(name); n++) name = $"{reader.GetName(i)}_{n}";
            frame.Columns.Add(Column(name, reader.GetFieldType(i), cells[i]));
        }
        return frame;
    }

    private static DataFrameColumn Column(string name, Type type, List<object?> values)
    {
        if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
            || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte))
            return new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v)));
        if (type == typeof(ulong))
            return values.All(v => v is null || (ulong)v <= long.MaxValue)
                ? new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : (long)(ulong)v))
                : new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : (ulong)v));
        if (type == typeof(BigInteger) || type == typeof(Int128) || type == typeof(UInt128))
        {
            var big = values.Select(v => v is null ? (BigInteger?)null : v switch
            {
                BigInteger b => b,
                Int128 i => (BigInteger)i,
                UInt128 u => (BigInteger)u,
                _ => BigInteger.Parse(v.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
            }).ToList();
            return big.All(b => b is null || (b >= long.MinValue && b <= long.MaxValue))
                ? new Int64DataFrameColumn(name, big.Select(b => b is null ? (long?)null : (long)b.Value))
                : new DoubleDataFrameColumn(name, big.Select(b => b is null ? (double?)null : (double)b.Value));
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v)));
        if (type == typeof(bool))
            return new BooleanDataFrameColumn(name, values.Select(v => (bool?)v));
        if (type == typeof(DateTime))
            return new PrimitiveDataFrameColumn<DateTime>(name, values.Select(v => (DateTime?)v));
        if (type == typeof(DateTimeOffset))
            return new PrimitiveDataFrameColumn<DateTime>(name, values.Select(v => v is null ? (DateTime?)null
                : ((DateTimeOffset)v).UtcDateTime));
        return new StringDataFrameColumn(name, values.Select(v => v switch
        {
            null => null,
            string s => s,
            System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(x => x?.ToString() ?? "NULL")) + "]",
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}

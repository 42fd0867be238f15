using System.Globalization;

namespace GoMemLab.Tables;

/// <summary>Byte counts for people, the way pprof prints them: 1024-based units, at most two decimals (<c>28.29MB</c>).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? bytes.ToString(CultureInfo.InvariantCulture) + "B" : value.ToString("0.##", CultureInfo.InvariantCulture)
            + Units[unit];
    }
}

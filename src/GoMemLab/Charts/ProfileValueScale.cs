using System.Globalization;

namespace GoMemLab.Charts;

/// <summary>
/// How charts show profile values: bytes as MiB (pprof's "MB" is 2^20 bytes too), nanoseconds as seconds,
/// other units (counts) as they are. Tables keep the raw integers; only charts scale.
/// </summary>
public readonly record struct ProfileValueScale(string Unit)
{
    /// <summary>What a raw value is divided by for display (2^20 for bytes, 10^9 for nanoseconds, else 1).</summary>
    public double Divisor => Unit switch { "bytes" => 1024d * 1024, "nanoseconds" => 1e9, _ => 1 };

    /// <summary>The axis label of the scaled unit: MiB, s, or the unit itself.</summary>
    public string Label => Unit switch { "bytes" => "MiB", "nanoseconds" => "s", "count" => "objects", _ => Unit };

    /// <summary>The value in the display unit (<see cref="Label"/>).</summary>
    public double Scale(long value) => value / Divisor;

    /// <summary>The value with its display unit, e.g. "32.81 MiB"; counts as exact integers.</summary>
    public string Format(long value) => Unit switch
    {
        "bytes" => Scale(value).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
        "nanoseconds" => Scale(value).ToString("0.###", CultureInfo.InvariantCulture) + " s",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A function name without its package path (<c>example.com/leaky/internal/cache.(*Cache).Put</c> →
    /// <c>cache.(*Cache).Put</c>).</summary>
    public static string ShortName(string function)
    {
        var paren = function.IndexOf('(');
        var slash = function.LastIndexOf('/', paren < 0 ? function.Length - 1 : paren);
        return slash < 0 ? function : function[(slash + 1)..];
    }
}

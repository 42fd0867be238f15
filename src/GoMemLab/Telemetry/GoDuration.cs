using System.Globalization;

namespace GoMemLab.Telemetry;

/// <summary>
/// Durations written the way Go's time.ParseDuration reads them ("500ms", "1s", "2m30s", "1.5h"), so a
/// Go engineer types the same thing in the CLI, the magics and their programs' flags. Units: ns, us
/// (or µs), ms, s, m, h. No sign; "0" alone is zero.
/// </summary>
public static class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="ArgumentException"/> with the accepted form on error.</summary>
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var value)) return value;
        throw new ArgumentException($"invalid duration \"{text}\": expected a Go duration such as 500ms, 1s, 2m30s");
    }

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "0") return true;
        double totalMs = 0;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start
                || !double.TryParse(text[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            int unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            double? ms = text[unitStart..i] switch
            {
                "ns" => number / 1e6,
                "us" or "µs" or "μs" => number / 1e3,
                "ms" => number,
                "s" => number * 1e3,
                "m" => number * 60e3,
                "h" => number * 3600e3,
                _ => null,
            };
            if (ms is null) return false;
            totalMs += ms.Value;
        }
        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }
}

using System.Globalization;
using System.Text.Json;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry.Prometheus;

/// <summary>
/// Reads the JSON answer of Prometheus's HTTP API (<c>/api/v1/query_range</c>, and <c>/api/v1/query</c>):
/// <c>{"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]}]}}</c>
/// (a vector answer has one <c>"value":[t,"v"]</c> per result). Times are Unix seconds with millisecond
/// precision; values are strings holding Go floats. Each result's <c>__name__</c> says which metric it is, so
/// the query must select a metric by name (<c>go_memstats_heap_inuse_bytes{job="api"}</c>); an expression
/// such as <c>rate(…)</c> drops the name and is refused. An answer with <c>"status":"error"</c> is an
/// <see cref="InputFormatException"/> carrying Prometheus's own errorType and error.
/// </summary>
public static class PrometheusQueryAnswer
{
    /// <summary>True when <paramref name="root"/> is an API answer: "status" success with "data", or error with "error".</summary>
    public static bool IsAnswer(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
        && (s.ValueEquals("success") && root.TryGetProperty("data", out _) || s.ValueEquals("error") && root.TryGetProperty("error",
            out _));

    /// <summary>
    /// The samples of one answer, each named by its result's <c>__name__</c>, labelled with the rest of its
    /// labels and stamped with its time; <paramref name="line"/> is the answer's line in the file.
    /// </summary>
    public static IEnumerable<PrometheusSample> Samples(JsonElement root, string source, long line)
    {
        var status = root.GetProperty("status").GetString();
        if (status == "error")
        {
            var type = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : "(no message)";
            var kindOfError = type is null ? "" : $" ({type})";
            throw new InputFormatException(source, $"Prometheus answered an error{kindOfError}: {error}", line: line);
        }
        if (status != "success") throw new InputFormatException(source, $"has \"status\":\"{status}\", expected success or error",
            line: line);
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("resultType", out var resultType) || !data.TryGetProperty("result", out var result)
            || result.ValueKind != JsonValueKind.Array)
            throw new InputFormatException(source, "is a Prometheus answer without data.resultType and data.result", line: line);
        var kind = resultType.ValueKind == JsonValueKind.String ? resultType.GetString() : null;
        if (kind is not ("matrix" or "vector"))
            throw new InputFormatException(source,
                "has resultType " + (kind ?? "(none)") + ": expected matrix (query_range) or vector (query)", line: line);
        int index = 0;
        foreach (var series in result.EnumerateArray())
        {
            index++;
            var (name, labels) = Metric(series, source, line, index);
            var points = kind == "matrix"
                ? series.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
                    ? values.EnumerateArray().ToList()
                    : throw Bad(source, line, index, "has no \"values\" array")
                : series.TryGetProperty("value", out var value) ? [value] : throw Bad(source, line, index, "has no \"value\"");
            int point = 0;
            foreach (var pair in points)
            {
                point++;
                yield return new PrometheusSample(name, labels, Value(pair, source, line, index, point, out var time), time, line);
            }
        }
    }

    /// <summary>Where a sample came from, for messages about its value: " (result N of the answer at line L)".</summary>
    public static string Where(PrometheusSample sample) => $" (answer at line {sample.LineNumber})";

    private static (string Name, KeyValuePair<string, string>[] Labels) Metric(JsonElement series, string source, long line, int index)
    {
        if (series.ValueKind != JsonValueKind.Object || !series.TryGetProperty("metric", out var metric)
            || metric.ValueKind != JsonValueKind.Object)
            throw Bad(source, line, index, "has no \"metric\" object");
        string? name = null;
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var label in metric.EnumerateObject())
        {
            if (label.Value.ValueKind != JsonValueKind.String) throw Bad(source, line, index, $"label {label.Name} is not a string");
            if (label.Name == "__name__") name = label.Value.GetString();
            else labels.Add(new(label.Name, label.Value.GetString()!));
        }
        if (string.IsNullOrEmpty(name))
            throw Bad(source, line, index,
                "has no __name__ label: query a metric by name (e.g. go_memstats_heap_inuse_bytes{job=\"api\"}), "
                + "not an expression such as rate(…) or sum(…), which drops the name");
        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return (name, labels.ToArray());
    }

    private static double Value(JsonElement pair, string source, long line, int index, int point, out DateTimeOffset time)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
            || pair[0].ValueKind != JsonValueKind.Number || !pair[0].TryGetDouble(out var seconds)
            || !(seconds > -62135596800) || !(seconds < 253402300799) || pair[1].ValueKind != JsonValueKind.String)
            throw Bad(source, line, index, $"point {point} is not [unix_seconds, \"value\"]");
        time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        var text = pair[1].GetString()!;
        return text switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var v) ? v : throw Bad(source, line, index, $"point {point}: \"{text}\" is not a number"),
        };
    }

    private static InputFormatException Bad(string source, long line, int index, string problem) =>
        new(source, $"result {index} {problem}", line: line);
}

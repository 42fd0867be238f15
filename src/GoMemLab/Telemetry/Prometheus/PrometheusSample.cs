namespace GoMemLab.Telemetry.Prometheus;

/// <summary>
/// One sample of a Prometheus scrape or query answer: the sample's own name (a summary's <c>go_gc_duration_seconds_count</c>,
/// not its family), its labels sorted by name, the value and, when the source carried one, its time.
/// </summary>
public sealed record PrometheusSample(
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    DateTimeOffset? Timestamp,
    long LineNumber)
{
    /// <summary>The value of label <paramref name="name"/>, or null.</summary>
    public string? Label(string name)
    {
        foreach (var (key, value) in Labels) if (key == name) return value;
        return null;
    }

    /// <summary>
    /// The labels that name the series, written as PromQL prints them (<c>instance="api-0:9090",job="api"</c>, in
    /// name order, values escaped as in the text format), leaving out <paramref name="except"/> (e.g. a summary's
    /// "quantile"); empty when no label is left.
    /// </summary>
    public string SeriesKey(params string[] except) =>
        string.Join(",", Labels.Where(l => Array.IndexOf(except, l.Key) < 0)
            .Select(l => $"{l.Key}=\"{l.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\""));
}

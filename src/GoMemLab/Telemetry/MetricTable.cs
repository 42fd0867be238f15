using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// A two-column table (metric, value) for summaries whose figures have different types and units:
/// values are written as text with <see cref="Tables.TableWriter.Cell"/>, so numbers stay exact and
/// CSV/JSON carry the same text as the aligned table.
/// </summary>
public static class MetricTable
{
    public static DataFrame Create(IEnumerable<(string Metric, object? Value)> rows)
    {
        var list = rows.ToList();
        return new DataFrame(
            new StringDataFrameColumn("metric", list.Select(r => r.Metric)),
            new StringDataFrameColumn("value", list.Select(r => Tables.TableWriter.Cell(r.Value))));
    }
}

using Microsoft.Data.Analysis;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace GoMemLab.Charts;

/// <summary>Charts of a fleet database's series (<see cref="Fleet.FleetDatabase.TrendSeries"/>).</summary>
public static class FleetCharts
{
    /// <summary>
    /// One line per group (the series' label columns joined with '/'): each profile's total against minutes since the group's
    /// first profile. Byte totals are drawn in MB (MiB). <paramref name="labelColumns"/> are the series' group columns.
    /// </summary>
    public static GenericChart TotalsOverTime(DataFrame series, IReadOnlyList<string> labelColumns, string sampleType = "inuse_space",
        string unit = "bytes")
    {
        var bytes = unit == "bytes";
        var rows = Enumerable.Range(0, (int)series.Rows.Count).Select(i => (
            Group: string.Join("/", labelColumns.Select(c => series.Columns[c][i] as string ?? "(none)")),
            Minutes: (double)series.Columns["minutes"][i]!,
            Total: (long)series.Columns["total"][i]!)).ToList();
        var lines = rows.GroupBy(r => r.Group).Select(g => CSharpChart.Line<double, double, string>(
            g.Select(r => r.Minutes).ToArray(), g.Select(r => bytes ? r.Total / (double)(1 << 20) : r.Total).ToArray(), Name: g.Key,
                ShowMarkers: true));
        return ChartStyle.Titled(CSharpChart.Combine(lines), $"{sampleType} per profile, by {string.Join("/", labelColumns)}",
            "minutes since the group's first profile", bytes ? "MB" : unit);
    }
}

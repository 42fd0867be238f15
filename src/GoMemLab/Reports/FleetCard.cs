using System.Globalization;
using GoMemLab.Fleet;
using Microsoft.Data.Analysis;

namespace GoMemLab.Reports;

/// <summary>The small card a notebook shows for a fleet database and a query result.</summary>
public static class FleetCard
{
    /// <summary>
    /// Facts: profiles, time range, kinds of profile (sample types), the labels with how many values each has, and the
    /// result's size; then the first 10 rows of <paramref name="result"/>. <paramref name="title"/> names no machine path.
    /// </summary>
    public static SummaryCard For(FleetDatabase fleet, string title, DataFrame result, string? sql)
    {
        var card = new SummaryCard(title);
        var summary = fleet.Query("SELECT count(*) AS profiles, min(time) AS first, max(time) AS last, count(DISTINCT sample_types) AS "
            + "kinds FROM profiles");
        card.AddFact("profiles", Convert.ToInt64(summary.Columns["profiles"][0], CultureInfo.InvariantCulture).ToString("N0",
            CultureInfo.InvariantCulture));
        if (summary.Columns["first"][0] is DateTime first && summary.Columns["last"][0] is DateTime last)
            card.AddFact("time", $"{first:yyyy-MM-dd HH:mm:ss} to {last:yyyy-MM-dd HH:mm:ss} UTC");
        var kinds = fleet.Query("SELECT sample_types, count(*) AS n FROM profiles GROUP BY ALL ORDER BY n DESC, sample_types");
        card.AddFact("sample types", string.Join("; ", kinds.Rows.Select(r => $"{r[0]} ({r[1]})")));
        var labels = fleet.Query("SELECT key, count(DISTINCT value) AS n FROM profile_labels GROUP BY key ORDER BY key");
        card.AddFact("labels", labels.Rows.Count == 0 ? "(none)" : string.Join(", ", labels.Rows.Select(r => $"{r[0]} ({r[1]} values)")));
        if (sql is not null) card.AddFact("query", sql);
        card.AddFact("result", $"{result.Rows.Count:N0} rows × {result.Columns.Count} columns");
        card.AddTable(sql is null ? "Profiles (labelled_profiles)" : "First rows", result);
        return card;
    }
}

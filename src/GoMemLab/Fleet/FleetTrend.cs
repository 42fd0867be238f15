using DuckDB.NET.Data;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Fleet;

/// <summary>One label group of a <see cref="FleetTrend"/>: its label values (null where a profile lacks the label), the first and last
/// profile time, and the verdict.</summary>
public sealed record FleetTrendRow(IReadOnlyList<string?> Group, int Profiles, DateTime FirstTime, DateTime LastTime, LeakSignal Signal);

/// <summary>
/// Growth per label group over profile time: per profile, its total of one sample type (pprof's total, Σ|value| over
/// its samples, as in the header of <c>pprof -top</c>); per group of profiles with the same values of the
/// <c>by</c> labels, the series of those totals against profile time in minutes, judged by <see cref="LeakSignal.Assess"/>
/// (the verdict every other GoMemLab trend gives: Theil–Sen line, growing when the change beyond
/// 10% of the level or the floor is explained by the line, R² ≥ 0.5). Byte totals are in MB (MiB, floor 1 MB);
/// object counts have a floor of 1,000, goroutine counts of 10, other units none.
/// <para>Profiles without a collection time (legacy debug=1 text) cannot be placed on the time axis and are left out.</para>
/// </summary>
public static class FleetTrend
{
    private const double Mebibyte = 1 << 20;

    /// <summary>One profile of a trend series: its group, time (Unix ms) and total in the sample type's unit.</summary>
    private sealed record Point(string?[] Group, string Path, long Milliseconds, double Total);

    private sealed record Series(ProfileValueType Type, List<string> Columns, List<Point> Points);

    private static Series Collect(DuckDBConnection connection, string database, IReadOnlyList<string> by, string? sampleIndex,
        string? where)
    {
        if (by.Count == 0) throw new ArgumentException("a trend needs at least one label to group by");
        var labels = FleetSchema.LabelColumns(connection);
        var columns = by.Select(b => labels.FirstOrDefault(l => l.Key == b).Column
            ?? throw new ArgumentException($"no profile has a label \"{b}\"; labels: "
                + $"{(labels.Count == 0 ? "(none)" : string.Join(", ", labels.Select(l => l.Key)))}")).ToList();
        var header = FleetMerge.Header(connection, database, where);
        var type = header.SampleTypes[header.SampleIndexByName(string.IsNullOrEmpty(sampleIndex) ? InuseSpaceOrDefault(header)
            : sampleIndex)];
        var groupColumns = string.Join(", ", columns.Select(c => "p." + Sql.Quote(c)));
        var sql = $"SELECT {groupColumns}, p.path, epoch_ms(p.time) AS ms, coalesce(sum(abs(s.{Sql.Quote(type.Type)})), "
            + $"0)::DOUBLE AS total FROM labelled_profiles p LEFT JOIN samples s USING (profile_id) WHERE {FleetMerge.Predicate(where)} "
            + $"AND p.time IS NOT NULL GROUP BY p.profile_id, {groupColumns}, p.path, p.time ORDER BY "
                + $"{string.Join(", ", columns.Select((_, i) => $"{i + 1} NULLS LAST"))}, ms, p.profile_id";
        var points = new List<Point>();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            points.Add(new Point(columns.Select((_, i) => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray(),
                reader.GetString(columns.Count), reader.GetInt64(columns.Count + 1), reader.GetDouble(columns.Count + 2)));
        return new Series(type, columns, points);
    }

    internal static IReadOnlyList<FleetTrendRow> Compute(DuckDBConnection connection, string database, IReadOnlyList<string> by,
        string? sampleIndex, string? where)
    {
        var (type, _, points) = Collect(connection, database, by, sampleIndex, where);
        var bytes = type.Unit == "bytes";
        var metric = bytes ? type.Type + "_mb" : type.Type;
        var unit = bytes ? "MB" : type.Type.EndsWith("objects", StringComparison.Ordinal) ? "objects" : type.Unit;
        var floor = bytes ? 1 : type.Type.EndsWith("objects", StringComparison.Ordinal) ? 1000 : type.Type == "goroutine" ? 10 : 0;
        var rows = new List<FleetTrendRow>();
        foreach (var group in points.GroupBy(p => string.Join("\u0001", p.Group.Select(g => g ?? "\u0000"))))
        {
            var list = group.ToList();
            var minutes = list.Select(p => (p.Milliseconds - list[0].Milliseconds) / 60_000.0).ToList();
            var values = list.Select(p => bytes ? p.Total / Mebibyte : p.Total).ToList();
            rows.Add(new FleetTrendRow(list[0].Group, list.Count, DateTime.UnixEpoch.AddMilliseconds(list[0].Milliseconds),
                DateTime.UnixEpoch.AddMilliseconds(list[^1].Milliseconds), LeakSignal.Assess(metric, unit, "min", minutes, values, floor)));
        }
        return rows;
    }

    /// <summary>
    /// The series behind the trend, one row per profile in group and time order: the <paramref name="by"/> label columns,
    /// <c>path</c>, <c>time</c> (UTC), <c>minutes</c> (since the group's first profile), <c>total</c> (in the sample type's unit).
    /// </summary>
    internal static DataFrame SeriesFrame(DuckDBConnection connection, string database, IReadOnlyList<string> by, string? sampleIndex,
        string? where)
    {
        var points = Collect(connection, database, by, sampleIndex, where).Points;
        var frame = new DataFrame(by.Select((b, i) => (DataFrameColumn)new StringDataFrameColumn(b, points.Select(p => p.Group[i]))));
        var start = points.GroupBy(p => string.Join("\u0001", p.Group.Select(g => g ?? "\u0000"))).ToDictionary(g => g.Key,
            g => g.First().Milliseconds);
        frame.Columns.Add(new StringDataFrameColumn("path", points.Select(p => p.Path)));
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("time",
            points.Select(p => DateTime.UnixEpoch.AddMilliseconds(p.Milliseconds))));
        frame.Columns.Add(new DoubleDataFrameColumn("minutes", points.Select(p =>
            (p.Milliseconds - start[string.Join("\u0001", p.Group.Select(g => g ?? "\u0000"))]) / 60_000.0)));
        frame.Columns.Add(new Int64DataFrameColumn("total", points.Select(p => (long)p.Total)));
        return frame;
    }

    /// <summary>
    /// One row per group: the <paramref name="by"/> label columns, <c>profiles</c>, <c>first_time</c>, <c>last_time</c> (UTC), then
    /// <see cref="LeakSignal.ToDataFrame"/>'s columns (metric, unit, points, span, time_unit, level, slope, change, r_squared, threshold,
    /// verdict, evidence).
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<string> by, IReadOnlyList<FleetTrendRow> rows)
    {
        var frame = new DataFrame(by.Select((b, i) => (DataFrameColumn)new StringDataFrameColumn(b, rows.Select(r => r.Group[i]))));
        frame.Columns.Add(new Int32DataFrameColumn("profiles", rows.Select(r => r.Profiles)));
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("first_time", rows.Select(r => r.FirstTime)));
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("last_time", rows.Select(r => r.LastTime)));
        foreach (var column in LeakSignal.ToDataFrame(rows.Select(r => r.Signal)).Columns) frame.Columns.Add(column);
        return frame;
    }

    private static string InuseSpaceOrDefault(Profile header) =>
        header.SampleTypes.Any(t => t.Type == HeapSampleTypes.InuseSpace) ? HeapSampleTypes.InuseSpace : "";
}

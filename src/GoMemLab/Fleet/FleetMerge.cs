using DuckDB.NET.Data;
using GoMemLab.Profiles;

namespace GoMemLab.Fleet;

/// <summary>
/// Rebuilds, from a fleet database, the profile <c>go tool pprof</c> analyses when it is given the same files:
/// pprof's merge sums the samples whose stacks (and labels) are identical, which DuckDB does here with one
/// GROUP BY over the stored samples; the distinct stacks are then rebuilt frame by frame (locations with their
/// inlined lines, mapping file and address) so that the pprof graph logic of <see cref="Profiles.Analyses.Top"/> —
/// flat and cum with recursion counted once, inline marks, drop_frames pruning — runs on them unchanged. Summing
/// per-function rows in SQL would get recursion and inlining wrong; this keeps pprof's numbers exact.
/// <para>
/// Header, as pprof's Merge: the first profile's (in path order) sample types, default sample type and drop/keep
/// frames; the largest period; the earliest time; the sum of durations. Sample labels are not carried into the
/// result (they still separate the summed samples, as in pprof).
/// </para>
/// </summary>
internal static class FleetMerge
{
    /// <summary>The SQL predicate for <paramref name="where"/>: the text itself in parentheses, or TRUE when empty.</summary>
    internal static string Predicate(string? where) => string.IsNullOrWhiteSpace(where) ? "TRUE" : "(" + where + ")";

    internal static Profile Merge(DuckDBConnection connection, string database, string? where, CancellationToken cancel)
    {
        var selection = $"SELECT profile_id FROM labelled_profiles WHERE {Predicate(where)}";
        var builder = NewBuilder(connection, database, where);
        var types = builder.SampleTypes;
        cancel.ThrowIfCancellationRequested();

        var sums = string.Join(", ", types.Select(t => $"sum({Sql.Quote(t.Type)})::BIGINT"));
        var merged = $"SELECT stack_id, label_set_id{(sums.Length > 0 ? ", " + sums : "")} FROM samples WHERE profile_id IN ({selection}) "
            + "GROUP BY stack_id, label_set_id";
        var samples = new List<(Guid Stack, long[] Values)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = merged;
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            while (reader.Read())
            {
                var values = new long[types.Count];
                for (var t = 0; t < values.Length; t++) values[t] = reader.GetInt64(2 + t);
                samples.Add((reader.GetGuid(0), values));
            }
        }
        cancel.ThrowIfCancellationRequested();

        var stackLocations = RebuildStacks(connection, builder, selection);
        foreach (var (stack, values) in samples) builder.AddSample(stackLocations[stack], values);
        return builder.Build();
    }

    /// <summary>The merged header of the selection, without samples: its sample types, period, drop frames.</summary>
    internal static Profile Header(DuckDBConnection connection, string database, string? where) => NewBuilder(connection, database,
        where).Build();

    private static ProfileBuilder NewBuilder(DuckDBConnection connection, string database, string? where)
    {
        var headers = ReadHeaders(connection, $"SELECT profile_id FROM labelled_profiles WHERE {Predicate(where)}");
        if (headers.Count == 0)
            throw new ArgumentException(where is null ? $"{database}: the fleet database holds no profile"
                : $"{database}: no profile matches {where}");
        var first = headers[0];
        var other = headers.FirstOrDefault(h => h.SampleTypes != first.SampleTypes || h.PeriodType != first.PeriodType);
        if (other is not null)
            throw new ArgumentException($"cannot merge {first.Path} ({first.SampleTypes}) and {other.Path} ({other.SampleTypes}): "
                + "profiles of different kinds; narrow the selection with a label predicate, e.g. sample_types = '"
                    + first.SampleTypes + "'");
        var builder = new ProfileBuilder($"{database} ({headers.Count} profile{(headers.Count == 1 ? "" : "s")})")
        {
            DefaultSampleType = first.DefaultSampleType,
            DropFrames = first.DropFrames,
            KeepFrames = first.KeepFrames,
            PeriodType = first.PeriodType.Length == 0 ? null : ParseValueType(first.PeriodType),
            Period = headers.Max(h => h.Period),
            TimeNanos = headers.Select(h => h.TimeNanos).Min(),
            DurationNanos = headers.Sum(h => h.DurationNanos),
        };
        if (first.SampleTypes.Length > 0) builder.SampleTypes.AddRange(first.SampleTypes.Split(',').Select(ParseValueType));
        return builder;
    }

    private sealed record StoredHeader(string Path, string SampleTypes, string PeriodType, string DefaultSampleType, string DropFrames,
        string KeepFrames, long Period, long TimeNanos, long DurationNanos);

    private static List<StoredHeader> ReadHeaders(DuckDBConnection connection, string selection)
    {
        var headers = new List<StoredHeader>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path, sample_types, period_type, default_sample_type, drop_frames, keep_frames, period, "
            + "coalesce(epoch_us(time) * 1000, 0), duration_ns FROM profiles "
            + $"WHERE profile_id IN ({selection}) ORDER BY path, profile_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            headers.Add(new StoredHeader(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        return headers;
    }

    /// <summary>Adds the functions, mappings and locations of every stack the selection uses; returns each stack's location ids, leaf
    /// first.</summary>
    private static Dictionary<Guid, ulong[]> RebuildStacks(DuckDBConnection connection, ProfileBuilder builder, string selection)
    {
        var used = $"SELECT DISTINCT stack_id FROM samples WHERE profile_id IN ({selection})";
        var functionIds = new Dictionary<Guid, ulong>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT function_id, name, system_name, file, start_line FROM functions WHERE function_id IN "
                + $"(SELECT DISTINCT function_id FROM stack_frames WHERE stack_id IN ({used})) ORDER BY function_id";
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            while (reader.Read())
            {
                var id = (ulong)functionIds.Count + 1;
                functionIds.Add(reader.GetGuid(0), id);
                builder.AddFunction(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
            }
        }

        var mappingIds = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var result = new Dictionary<Guid, ulong[]>();
        var stackLocations = new List<ulong>();
        var lines = new List<(ulong, long, long)>();
        ulong nextLocation = 0;
        Guid currentStack = Guid.Empty;
        var currentLocation = -1;
        string mappingFile = "";
        ulong address = 0;

        void FlushLocation()
        {
            if (currentLocation < 0) return;
            if (!mappingIds.TryGetValue(mappingFile, out var mapping) && mappingFile.Length > 0)
            {
                mapping = (ulong)mappingIds.Count + 1;
                mappingIds.Add(mappingFile, mapping);
                builder.AddMapping(new ProfileMapping(mapping, 0, 0, 0, mappingFile, "", true, true, true, true));
            }
            builder.AddLocation(++nextLocation, mapping, address, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
            stackLocations.Add(nextLocation);
            lines.Clear();
            currentLocation = -1;
        }

        void FlushStack()
        {
            FlushLocation();
            if (currentStack != Guid.Empty) result[currentStack] = stackLocations.ToArray();
            stackLocations.Clear();
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT stack_id, location, function_id, line, \"column\", mapping_file, address FROM stack_frames "
                + $"WHERE stack_id IN ({used}) ORDER BY stack_id, position";
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            while (reader.Read())
            {
                var stack = reader.GetGuid(0);
                var location = reader.GetInt32(1);
                if (stack != currentStack)
                {
                    FlushStack();
                    currentStack = stack;
                }
                if (location != currentLocation)
                {
                    FlushLocation();
                    currentLocation = location;
                    mappingFile = reader.GetString(5);
                    address = reader.GetFieldValue<ulong>(6);
                }
                if (!reader.IsDBNull(2)) lines.Add((functionIds[reader.GetGuid(2)], reader.GetInt64(3), reader.GetInt64(4)));
                // A line without a function keeps its number; a location without lines has one row with neither.
                else if (!reader.IsDBNull(3)) lines.Add((0, reader.GetInt64(3), reader.GetInt64(4)));
            }
            FlushStack();
        }
        return result;
    }

    private static ProfileValueType ParseValueType(string text)
    {
        var slash = text.LastIndexOf('/');
        return slash < 0 ? new ProfileValueType(text, "") : new ProfileValueType(text[..slash], text[(slash + 1)..]);
    }
}

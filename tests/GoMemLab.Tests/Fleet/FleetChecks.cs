using DuckDB.NET.Data;

namespace GoMemLab.Tests.Fleet;

/// <summary>Reads a fleet database directly (its own read-only DuckDB connection), for assertions the API does not answer.</summary>
public static class FleetChecks
{
    public static long Scalar(string database, string sql)
    {
        using var connection = new DuckDBConnection($"DataSource={database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value);
    }

    public static Dictionary<string, long> TableCounts(string database) =>
        new[] { "profiles", "profile_labels", "functions", "stacks", "stack_frames", "samples", "sample_labels" }
            .ToDictionary(t => t, t => Scalar(database, $"SELECT count(*) FROM {t}"));

    /// <summary>
    /// Nothing half written: every profile has exactly its samples, every sample's stack and label set exists, every
    /// stack has all its frames, every frame's function exists.
    /// </summary>
    public static void AssertConsistent(string database)
    {
        Assert.Equal(0, Scalar(database,
            "SELECT count(*) FROM profiles p WHERE sample_count <> (SELECT count(*) FROM samples s WHERE s.profile_id = p.profile_id)"));
        Assert.Equal(0, Scalar(database, "SELECT count(*) FROM samples WHERE profile_id NOT IN (SELECT profile_id FROM profiles)"));
        Assert.Equal(0, Scalar(database, "SELECT count(*) FROM samples WHERE stack_id NOT IN (SELECT stack_id FROM stacks)"));
        Assert.Equal(0, Scalar(database,
            "SELECT count(*) FROM samples WHERE label_set_id IS NOT NULL AND label_set_id NOT IN (SELECT label_set_id "
                + "FROM sample_labels)"));
        Assert.Equal(0, Scalar(database,
            "SELECT count(*) FROM stacks t WHERE frames <> (SELECT count(*) FROM stack_frames f WHERE f.stack_id = t.stack_id)"));
        Assert.Equal(0, Scalar(database,
            "SELECT count(*) FROM stack_frames WHERE function_id IS NOT NULL AND function_id NOT IN (SELECT function_id FROM functions)"));
        Assert.Equal(0, Scalar(database, "SELECT count(*) FROM profile_labels WHERE profile_id NOT IN (SELECT profile_id FROM profiles)"));
    }
}

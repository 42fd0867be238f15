using GoMemLab.Tests.Fleet;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!fleet` in the in-process kernel, on a database ingested from the committed fleet.</summary>
[Collection(KernelCollection.Name)]
public class FleetMagicTests(CommittedFleet fleet) : IClassFixture<CommittedFleet>
{
    [Fact]
    public async Task Sql_lands_in_a_dataframe_and_the_card_describes_the_fleet()
    {
        using var kernel = new InProcessKernel();
        var folder = Path.GetDirectoryName(fleet.DatabasePath)!;
        var cell = await kernel.SubmitAsync(
            "#!fleet fleet.duckdb --sql \"SELECT service, count(*) AS profiles FROM labelled_profiles GROUP BY service ORDER BY service\" "
                + "--name perService", folder);
        Assert.True(cell.Succeeded, cell.Error);
        var frame = kernel.Variable<DataFrame>("perService");
        Assert.Equal(["churn", "leaky"], frame.Columns["service"].Cast<string>());
        Assert.Equal(CommittedFleet.StoredPaths("service=leaky").Count, (long)frame.Columns["profiles"][1]!);
        Assert.Contains($">{CommittedFleet.StoredPaths().Count}<", cell.AllHtml);
        Assert.Contains("load (2 values), pod (6 values), service (2 values)", cell.AllHtml);
        Assert.Contains("alloc_objects/count,alloc_space/bytes,inuse_objects/count,inuse_space/bytes", cell.AllHtml);
        Assert.DoesNotContain(folder, cell.AllHtml);

        // Without --sql: the profiles, a column per label, optionally filtered; the name defaults to the file's.
        var profiles = await kernel.SubmitAsync("#!fleet fleet.duckdb --where \"pod = 'leaky-3'\"", folder);
        Assert.True(profiles.Succeeded, profiles.Error);
        var rows = kernel.Variable<DataFrame>("fleet_duckdb");
        Assert.Equal(CommittedFleet.StoredPaths("service=leaky/load=low/pod=leaky-3").Count, rows.Rows.Count);
        Assert.Contains("pod", rows.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Bad_calls_fail_with_one_line_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var folder = Path.Combine(RepoPaths.Root, "notebooks");
        var missing = await kernel.SubmitAsync("#!fleet no-such.duckdb", folder);
        Assert.Contains("no-such.duckdb: no such fleet database", missing.Error);
        Assert.DoesNotContain("   at ", missing.Error);
        var wrong = await kernel.SubmitAsync("#!fleet ../data/artifacts/heap/leaky-heap-4.pb.gz", folder);
        Assert.Contains("leaky-heap-4.pb.gz: is not a DuckDB database", wrong.Error);
        var badSql = await kernel.SubmitAsync($"#!fleet {fleet.DatabasePath} --sql \"SELECT nope\"", folder);
        Assert.Contains("nope", badSql.Error);
        Assert.DoesNotContain("   at ", badSql.Error);
        var noPath = await kernel.SubmitAsync("#!fleet");
        Assert.Equal("#!fleet: missing DB, a fleet database file", noPath.Error);
        var help = await kernel.SubmitAsync("#!fleet -h");
        Assert.True(help.Succeeded, help.Error);
        Assert.Contains("--sql", help.AllHtml);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

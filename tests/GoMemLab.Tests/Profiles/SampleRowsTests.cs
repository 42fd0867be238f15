using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Profiles;

public class SampleRowsTests
{
    [Fact]
    public void One_row_per_sample_whose_columns_sum_to_the_totals()
    {
        var profile = ProfileLoader.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"));
        var rows = SampleRows.ToDataFrame(profile);
        Assert.Equal(profile.Samples.Count, rows.Rows.Count);
        Assert.Equal(["sample", "stack_id", "depth", "leaf_function", "leaf_file", "leaf_line", "alloc_objects", "alloc_space", "inuse_objects", "inuse_space", "bytes"],
            rows.Columns.Select(c => c.Name));
        for (var t = 0; t < profile.SampleTypes.Count; t++)
            Assert.Equal(Top.ComputeTotal(profile, t), ((Int64DataFrameColumn)rows.Columns[profile.SampleTypes[t].Type]).Sum());

        // Grouping by leaf function gives Top's flat for functions that are never inlined into an allocation site.
        var flat = Top.Compute(profile, new TopOptions { SampleIndex = "inuse_space" }).Rows.Single(r => r.Name == "main.archive").Flat;
        var leaf = Enumerable.Range(0, (int)rows.Rows.Count).Where(i => (string)rows.Columns["leaf_function"][i] == "main.archive")
            .Sum(i => (long)rows.Columns["inuse_space"][i]!);
        Assert.Equal(flat, leaf);
        Assert.Contains(Enumerable.Range(0, (int)rows.Rows.Count), i => (string)rows.Columns["leaf_file"][i] == "example.com/leaky/cmd/leaky/audit.go"
            && (long)rows.Columns["leaf_line"][i]! == 35);
    }
}

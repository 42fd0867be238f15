using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Profiles;

public class FlameGraphTests
{
    private static Profile Heap(string name) => ProfileLoader.Load(RepoPaths.Artifact("heap", name));

    [Theory]
    [InlineData("leaky-heap-4.pb.gz", "inuse_space")]
    [InlineData("leaky-heap-4.pb.gz", "alloc_objects")]
    [InlineData("fix-before-heap.pb.gz", "alloc_space")]
    public void Root_is_the_total_and_self_per_function_is_Top_flat(string name, string sampleIndex)
    {
        var profile = Heap(name);
        var options = new TopOptions { SampleIndex = sampleIndex };
        var flame = FlameGraph.Compute(profile, options, minimumShare: 0);
        var top = Top.Compute(profile, options);
        Assert.Equal(FlameGraph.RootId, flame.Columns["id"][0]);
        Assert.Equal(top.Total, flame.Columns["value"][0]);

        var selfByName = new Dictionary<string, long>();
        for (var i = 1; i < flame.Rows.Count; i++)
        {
            var function = (string)flame.Columns["name"][i];
            selfByName[function] = selfByName.GetValueOrDefault(function) + (long)flame.Columns["self"][i]!;
        }
        foreach (var row in top.Rows)
            Assert.Equal(row.Flat, selfByName.GetValueOrDefault(row.Name));
    }

    [Fact]
    public void Paths_are_merged_and_children_never_outweigh_their_parent()
    {
        var flame = FlameGraph.Compute(Heap("leaky-heap-4.pb.gz"), minimumShare: 0);
        var ids = flame.Columns["id"].Cast<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var value = ids.Select((id, i) => (id, v: (long)flame.Columns["value"][i]!)).ToDictionary(p => p.id, p => p.v);
        var children = new Dictionary<string, long>();
        var siblings = new HashSet<(string, string)>();
        for (var i = 1; i < flame.Rows.Count; i++)
        {
            var parent = (string)flame.Columns["parent"][i];
            Assert.True(siblings.Add((parent, (string)flame.Columns["name"][i])), "two children with the same name under one parent");
            children[parent] = children.GetValueOrDefault(parent) + value[ids[i]];
        }
        foreach (var (parent, sum) in children) Assert.True(sum <= value[parent]);
    }

    [Fact]
    public void A_diff_flame_splits_current_and_base_and_the_leak_grows()
    {
        var diff = Diff.Against(Heap("leaky-heap-4.pb.gz"), Heap("leaky-heap-1.pb.gz"));
        var flame = FlameGraph.Compute(diff, minimumShare: 0);
        var current = Top.ComputeTotal(Heap("leaky-heap-4.pb.gz"), 3);
        var baseline = Top.ComputeTotal(Heap("leaky-heap-1.pb.gz"), 3);
        Assert.Equal(current, flame.Columns["current"][0]);
        Assert.Equal(baseline, flame.Columns["base"][0]);
        Assert.Equal(current + baseline, flame.Columns["value"][0]);
        var put = Enumerable.Range(1, (int)flame.Rows.Count - 1)
            .Where(i => (string)flame.Columns["name"][i] == "example.com/leaky/internal/cache.(*Cache).Put")
            .Sum(i => (long)flame.Columns["delta"][i]!);
        var putTop = Top.Compute(diff).Rows.Single(r => r.Name == "example.com/leaky/internal/cache.(*Cache).Put");
        Assert.Equal(putTop.Cum, put);
        Assert.True(put > 0);
    }
}

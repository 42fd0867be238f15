using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

public class FlameGraphTests
{
    private static Profile Heap(string name) => Profile.Load(RepoPaths.Artifact("heap", name));

    [Theory]
    [InlineData("leaky-heap-4.pb.gz", "inuse_space")]
    [InlineData("leaky-heap-4.pb.gz", "alloc_objects")]
    [InlineData("fix-before-heap.pb.gz", "alloc_space")]
    public void Root_is_the_total_and_self_per_function_is_Top_flat(string name, string sampleIndex)
    {
        var profile = Heap(name);
        var flame = FlameGraph.Compute(profile, sampleIndex, minimumShare: 0);
        var top = Top.Compute(profile, new TopOptions { SampleIndex = sampleIndex });
        Assert.Equal(FlameGraph.RootId, flame.Rows[0].Id);
        Assert.Equal(top.Total, flame.Rows[0].Value);
        Assert.Equal(sampleIndex, flame.SampleType.Type);
        Assert.False(flame.IsDiff);

        var selfByName = new Dictionary<string, long>();
        foreach (var node in flame.Rows.Skip(1))
            selfByName[node.Name] = selfByName.GetValueOrDefault(node.Name) + node.Self;
        foreach (var row in top.Rows)
            Assert.Equal(row.Flat, selfByName.GetValueOrDefault(row.Name));
    }

    [Fact]
    public void Paths_are_merged_and_children_never_outweigh_their_parent()
    {
        var flame = Heap("leaky-heap-4.pb.gz").FlameGraph(minimumShare: 0);
        var ids = flame.Rows.Select(n => n.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var value = flame.Rows.ToDictionary(n => n.Id, n => n.Value);
        var children = new Dictionary<string, long>();
        var siblings = new HashSet<(string, string)>();
        foreach (var node in flame.Rows.Skip(1))
        {
            Assert.True(siblings.Add((node.Parent, node.Name)), "two children with the same name under one parent");
            children[node.Parent] = children.GetValueOrDefault(node.Parent) + node.Value;
        }
        // The table holds the same tree.
        Assert.Equal(ids, flame.ToDataFrame().Columns["id"].Cast<string>());
        foreach (var (parent, sum) in children) Assert.True(sum <= value[parent]);
    }

    [Fact]
    public void A_diff_flame_splits_current_and_base_and_the_leak_grows()
    {
        var diff = ProfileDiff.Compare(Heap("leaky-heap-1.pb.gz"), Heap("leaky-heap-4.pb.gz"));
        var flame = FlameGraph.Compute(diff, minimumShare: 0);
        Assert.True(flame.IsDiff);
        var current = Top.ComputeTotal(Heap("leaky-heap-4.pb.gz"), 3);
        var baseline = Top.ComputeTotal(Heap("leaky-heap-1.pb.gz"), 3);
        Assert.Equal(current, flame.Rows[0].Current);
        Assert.Equal(baseline, flame.Rows[0].Base);
        Assert.Equal(current + baseline, flame.Rows[0].Value);
        var put = flame.Rows.Skip(1).Where(n => n.Name == "example.com/leaky/internal/cache.(*Cache).Put").Sum(n => n.Delta);
        var putTop = Top.Compute(diff).Rows.Single(r => r.Name == "example.com/leaky/internal/cache.(*Cache).Put");
        Assert.Equal(putTop.Cum, put);
        Assert.True(put > 0);
    }
}

using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

public class ProfileSamplesTests
{
    [Fact]
    public void Samples_frame_has_one_row_per_sample_and_sums_to_pprof_totals()
    {
        var p = Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"));
        var frame = ProfileSamples.ToDataFrame(p);
        Assert.Equal(p.Samples.Count, frame.Rows.Count);
        Assert.Equal(["sample_id", "alloc_objects", "alloc_space", "inuse_objects", "inuse_space", "leaf_function", "leaf_file",
            "leaf_line", "stack_id", "depth", "label_bytes"],
            frame.Columns.Select(c => c.Name));
        foreach (var type in new[] { "alloc_space", "inuse_objects" })
        {
            long sum = 0;
            foreach (long v in frame.Columns[type]) sum += v;
            // pprof's "of N total" line in the golden.
            var header = File.ReadLines(RepoPaths.Data("golden", "pprof",
                $"leaky-heap-4.{type}.functions.txt")).Single(l => l.StartsWith("Showing nodes"));
            var total = System.Text.RegularExpressions.Regex.Match(header, @"of (\d+)B? total").Groups[1].Value;
            Assert.Equal(long.Parse(total), sum);
        }
        // The leaf function of each sample is the node that gets its flat value in pprof's top.
        var top = Top.Compute(p, new TopOptions { SampleIndex = "alloc_space" });
        var flatByLeaf = frame.Rows.GroupBy(r => (string)r["leaf_function"]).ToDictionary(g => g.Key,
            g => g.Sum(r => (long)r["alloc_space"]));
        foreach (var row in top.Rows.Where(r => r.Flat != 0)) Assert.Equal(row.Flat, flatByLeaf[row.Name]);
    }

    [Fact]
    public void Frames_list_inlined_callees_before_their_callers()
    {
        var p = Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"));
        var withInline = Enumerable.Range(0, p.Samples.Count).First(s => ProfileSamples.Frames(p, s).Any(f => f.Inlined));
        var frames = ProfileSamples.Frames(p, withInline).ToList();
        var first = frames.FindIndex(f => f.Inlined);
        Assert.Equal(frames[first].Address, frames[first + 1].Address); // same location, caller follows
        Assert.Equal((int)ProfileSamples.ToDataFrame(p).Columns["depth"][withInline], frames.Count);
    }
}

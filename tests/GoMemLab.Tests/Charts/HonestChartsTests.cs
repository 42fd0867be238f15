using System.Text.RegularExpressions;
using GoMemLab.Charts;
using GoMemLab.Escape;
using GoMemLab.Profiles;
using GoMemLab.Tests.Support;
using Plotly.NET;

namespace GoMemLab.Tests.Charts;

/// <summary>Charts say what they leave out, and draw magnitudes only where the data has them.</summary>
public sealed partial class HonestChartsTests
{
    [Fact]
    public void The_retention_scatter_says_how_many_functions_a_log_axis_cannot_place()
    {
        // Reference: go tool pprof's own -top lists (data/golden/pprof): functions that allocated (flat alloc_space > 0)
        // but hold nothing at the last GC (absent from, or 0B in, the flat inuse_space list).
        // pprof lists a function's inlined copies as "F (inline)" rows; AllocVsInuse is per function, so they are summed.
        static Dictionary<string, long> Flat(string golden) => File.ReadLines(RepoPaths.Data("golden", "pprof", golden))
            .Select(l => TopLine().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.Sum(m => long.Parse(m.Groups[1].Value)));
        var alloc = Flat("leaky-heap-4.alloc_space.functions.txt");
        var inuse = Flat("leaky-heap-4.inuse_space.functions.txt");
        var hidden = alloc.Count(a => a.Value > 0 && inuse.GetValueOrDefault(a.Key) == 0);
        Assert.True(hidden > 10, $"only {hidden} garbage-only functions in the reference");

        var heap = new LoadedProfile(Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")));
        var figure = GenericChart.toFigureJson(heap.RetentionChart());
        Assert.Contains($"{hidden} of {alloc.Count(a => a.Value > 0)} allocating functions not shown: their inuse_space is 0", figure);
    }

    [Fact]
    public void A_single_flow_is_a_chain_of_equal_steps_not_a_sankey()
    {
        var log = EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-m2.txt"));
        var describe = log.Diagnostics.Single(d => d.File.EndsWith("escape/iface.go") && d.Subject == "id");
        var figure = GenericChart.toFigureJson(EscapeCharts.FlowChain(log, describe));
        Assert.DoesNotContain("sankey", figure);
        // The -m=2 text of this decision: flow: {storage for ... argument} = &{storage for id}; flow: {heap} = {storage for ... argument}
        Assert.Contains("\"text\":[\"&{storage for id}\",\"{storage for ... argument}\",\"{heap}\"]", figure);
        Assert.Equal(2, Regex.Count(figure, "\"showarrow\":true"));
        Assert.Contains("(call parameter)", figure);
    }

    [GeneratedRegex(@"^\s*(\d+)B\s+\S+%\s+\S+%\s+\d+B\s+\S+%\s+(.+?)( \(inline\))?$")]
    private static partial Regex TopLine();
}

using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Profiles.LegacyHeap;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// The debug=1 heap text of the leaky run. Values and stacks are checked against pprof by the address goldens
/// (TopGoldenTests); these check what pprof cannot: the names taken from the runtime's comment lines and the MemStats trailer.
/// </summary>
public class LegacyHeapTextTests
{
    private static readonly string Path = RepoPaths.Artifact("heap", "leaky-heap-debug1.txt");

    [Fact]
    public void Header_gives_pprof_sample_types_and_period()
    {
        var p = Profile.Load(Path);
        Assert.Equal(ProfileFormat.LegacyHeapText, p.Format);
        Assert.Equal(["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"], p.SampleTypes.Select(t => t.Type));
        Assert.Equal(3, p.DefaultSampleIndex);
        var header = File.ReadLines(Path).First();
        var rate = long.Parse(header[(header.LastIndexOf('/') + 1)..]);
        Assert.Equal(rate / 2, p.Period); // "heap/R": R is 2*MemProfileRate
        Assert.Equal(File.ReadLines(Path).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+: \d+ \[\d+: \d+\] @")),
            p.Samples.Count);
    }

    [Fact]
    public void Every_commented_program_counter_is_named_as_in_its_comment()
    {
        var p = Profile.Load(Path);
        var comments = File.ReadLines(Path)
            .Where(l => l.StartsWith("#\t0x", StringComparison.Ordinal))
            .Select(l => l.Split('\t', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 4)
            .Select(parts => (Pc: Convert.ToUInt64(parts[1][2..], 16), Function: parts[2][..parts[2].LastIndexOf('+')], FileLine: parts[3]))
            .Distinct()
            .ToList();
        Assert.NotEmpty(comments);
        foreach (var (pc, function, fileLine) in comments)
        {
            var location = Enumerable.Range(0, p.Locations.Count).Single(l => p.Locations.Address(l) == pc);
            var names = Enumerable.Range(0, p.Locations.LineCount(location)).Select(k => p.Locations.Line(location, k))
                .Select(line => $"{p.Functions.Name(line.FunctionIndex)} {p.Functions.FileName(line.FunctionIndex)}:{line.Line}");
            Assert.Contains($"{function} {fileLine}", names);
        }
    }

    [Fact]
    public void Frames_the_runtime_hides_are_named_and_allocator_frames_pruned_like_pprof()
    {
        var p = Profile.Load(Path);
        var report = Top.Compute(p, new TopOptions { SampleIndex = "alloc_space" });
        var goexit = Assert.Single(report.Rows, r => r.Name == "runtime.goexit");
        Assert.Equal(0, goexit.Flat);
        Assert.True(goexit.Cum > 0);
        // Hidden leading runtime frames (the allocator) are pruned by pprof's drop_frames: no flat stays on them.
        Assert.DoesNotContain(report.Rows, r => r.Name is "<unknown>" or "runtime.<hidden>");
        var p2 = Profile.Load(Path);
        Assert.Contains(Enumerable.Range(0, p2.Functions.Count), f => p2.Functions.Name(f) == "runtime.<hidden>");
    }

    [Fact]
    public void MemStats_trailer_has_every_field_the_runtime_printed()
    {
        var p = Profile.Load(Path);
        var trailer = Assert.IsType<GoMemLab.Telemetry.MemStatsTrailer>(p.MemStats);
        var printed = File.ReadLines(Path).SkipWhile(l => l != "# runtime.MemStats").Skip(1)
            .Where(l => l.StartsWith("# ", StringComparison.Ordinal) && l.Contains(" = "))
            .Select(l => l[2..l.IndexOf(" = ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(printed, trailer.Fields.Select(f => f.Key));
        Assert.Equal(0, trailer.Skipped.Count);
        var memStats = trailer.Snapshot;
        Assert.Equal(256, memStats.PauseNs.Count);
        Assert.Equal(256, memStats.PauseEnd.Count);
        Assert.True(memStats.NumGC > 0);
        Assert.True(memStats.HeapAlloc <= memStats.HeapInuse);
        Assert.NotNull(memStats.StackInuse);
        Assert.NotNull(memStats.GCCPUFraction);
    }

    [Fact]
    public void Unsampling_is_pprofs_poisson_correction()
    {
        // With rate 1 (every allocation sampled) nothing is scaled.
        Assert.Equal((10L, 1000L), LegacyHeapTextParser.Unsample(10, 1000, 1));
        // Objects much larger than the rate are always sampled: scale ~1.
        Assert.Equal((2L, 4_194_304L), LegacyHeapTextParser.Unsample(2, 4_194_304, 512));
        // Zero stays zero.
        Assert.Equal((0L, 0L), LegacyHeapTextParser.Unsample(0, 0, 524288));
    }
}

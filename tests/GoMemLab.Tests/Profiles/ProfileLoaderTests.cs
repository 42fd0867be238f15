using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Tests.Support;
using Proto = GoMemLab.Profiles.Proto;

namespace GoMemLab.Tests.Profiles;

public class ProfileLoaderTests
{
    [Fact]
    public void A_small_profile_round_trips_every_field()
    {
        using var dir = new TempDirectory();
        var path = dir.File("small.pb.gz");
        File.WriteAllBytes(path, ProtoFixtures.Gzip(ProtoFixtures.Small().Bytes()));

        var p = Profile.Load(path);

        Assert.Equal(ProfileFormat.Protobuf, p.Format);
        Assert.Equal([new ProfileValueType("alloc_space", "bytes"), new ProfileValueType("inuse_space", "bytes")], p.SampleTypes);
        Assert.Equal("alloc_space", p.DefaultSampleType);
        Assert.Equal(0, p.DefaultSampleIndex);
        Assert.Equal(new ProfileValueType("alloc_space", "bytes"), p.PeriodType);
        Assert.Equal(524288, p.Period);
        Assert.Equal(1_700_000_000_123_456_789, p.TimeNanos);
        Assert.Equal(5_000_000_000, p.DurationNanos);
        Assert.Equal(["comment one"], p.Comments);
        Assert.Equal("https://example.com/doc", p.DocUrl);
        Assert.Equal(@"runtime\..*", p.DropFrames);
        Assert.Equal("", p.KeepFrames);
        Assert.Equal("/src/x/x", Assert.Single(p.Mappings).File);

        Assert.Equal(2, p.Samples.Count);
        Assert.Equal([1000L, 400L], p.Samples.Values(0).ToArray());
        var stack = p.Samples.Locations(0).ToArray().Select(l => p.Locations.Id(l)).ToArray();
        Assert.Equal([2UL, 1UL], stack);
        var label = Assert.Single(p.Samples.Labels(0));
        Assert.Equal(new ProfileLabel("bytes", "", 64, ""), label);
        Assert.Empty(p.Samples.Labels(1));

        var inlined = p.Locations.IndexOfId(2);
        Assert.Equal(2, p.Locations.LineCount(inlined));
        var innermost = p.Locations.Line(inlined, 0);
        Assert.Equal("main.alloc", p.Functions.Name(innermost.FunctionIndex));
        Assert.Equal((31L, 7L), (innermost.Line, innermost.Column));
        Assert.Equal("main.work", p.Functions.Name(p.Locations.Line(inlined, 1).FunctionIndex));
        Assert.Equal(30, p.Functions.StartLine(innermost.FunctionIndex));
        Assert.Equal(0x402000UL, p.Locations.Address(inlined));
    }

    [Fact]
    public void The_default_sample_index_is_the_last_type_when_none_is_named()
    {
        var proto = ProtoFixtures.Small();
        proto.DefaultSampleType = 0;
        var p = Profile.Parse(proto.Bytes(), "small.pb");
        Assert.Equal(1, p.DefaultSampleIndex);
        Assert.Equal(1, p.SampleIndexByName(null));
        Assert.Equal(0, p.SampleIndexByName("alloc_space"));
        Assert.Equal(1, p.SampleIndexByName("1"));
        var error = Assert.Throws<ArgumentException>(() => p.SampleIndexByName("cpu"));
        Assert.Contains("alloc_space, inuse_space", error.Message);
    }

    [Theory]
    [InlineData("leaky-heap-1.pb.gz")]
    [InlineData("leaky-heap-3.pb.gz")]
    [InlineData("leaky-cpu.pb.gz")]
    [InlineData("leaky-goroutine.pb.gz")]
    public void The_streaming_reader_agrees_with_the_generated_parser(string artifact)
    {
        var path = RepoPaths.Artifact("heap", artifact);
        var ours = Profile.Load(path);
        var reference = Proto.Profile.Parser.ParseFrom(GoMemLab.Inputs.InputFile.ReadAllBytesMaybeGzip(path));

        Assert.Equal(reference.SampleType.Select(t => reference.StringTable[(int)t.Type]), ours.SampleTypes.Select(t => t.Type));
        Assert.Equal(reference.Period, ours.Period);
        Assert.Equal(reference.TimeNanos, ours.TimeNanos);
        Assert.Equal(reference.Sample.Count, ours.Samples.Count);
        for (var s = 0; s < reference.Sample.Count; s++)
        {
            Assert.Equal(reference.Sample[s].Value, ours.Samples.Values(s).ToArray());
            Assert.Equal(reference.Sample[s].LocationId, ours.Samples.Locations(s).ToArray().Select(l => ours.Locations.Id(l)));
            Assert.Equal(reference.Sample[s].Label.Count, ours.Samples.Labels(s).Length);
        }
        Assert.Equal(reference.Location.Count, ours.Locations.Count);
        for (var l = 0; l < reference.Location.Count; l++)
        {
            var expected = reference.Location[l];
            Assert.Equal(expected.Address, ours.Locations.Address(l));
            Assert.Equal(expected.Line.Count, ours.Locations.LineCount(l));
            for (var k = 0; k < expected.Line.Count; k++)
            {
                var line = ours.Locations.Line(l, k);
                Assert.Equal(expected.Line[k].Line_, line.Line);
                Assert.Equal(expected.Line[k].FunctionId, ours.Functions.Id(line.FunctionIndex));
            }
        }
        Assert.Equal(reference.Function.Select(f => reference.StringTable[(int)f.Name]),
            Enumerable.Range(0, ours.Functions.Count).Select(ours.Functions.Name));
    }

    [Fact]
    public void Progress_is_reported_while_loading()
    {
        var reports = new List<LoadProgress>();
        Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-3.pb.gz"), new InlineProgress<LoadProgress>(reports.Add));
        Assert.Contains(reports, r => r.Stage == "decoding" && r.BytesRead > 0 && r.TotalBytes >= r.BytesRead);
        Assert.Equal(1.0, reports[^1].Fraction);
    }
}

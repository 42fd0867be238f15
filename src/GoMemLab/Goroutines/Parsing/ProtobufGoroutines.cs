using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Telemetry;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// Turns a protobuf goroutine profile, loaded by <see cref="ProfileLoader"/>, into a <see cref="GoroutineDump"/>:
/// one record per sample (count = its <c>goroutine/count</c> or <c>goroutineleak/count</c> value, frames from its
/// locations with inlined lines expanded, string labels as <c>{"k":"v"}</c>). runtime/pprof leaves runtime.goexit out of
/// protobuf stacks (<c>allFrames</c>, src/runtime/pprof/proto.go), so a cut stack is recognised by its length instead:
/// Go 1.19 records at most <see cref="RecordedFrames"/> frames per goroutine, one per logical (inlined or not) frame
/// with runtime.goexit the last of them, so a stack of that many frames is cut. Newer Go may record more; a
/// complete stack that deep is then reported as cut too (its start key says "(truncated)", its function is right).
/// </summary>
internal static class ProtobufGoroutines
{
    /// <summary>The frames Go 1.19 records per goroutine (runtime.StackRecord.Stack0, src/runtime/mprof.go).</summary>
    public const int RecordedFrames = 32;

    public static GoroutineDump FromProfile(Profile profile, string source, DateTimeOffset? capturedAt)
    {
        var kind = Kind(profile, source);
        var builder = new DumpBuilder();
        var frames = new List<int>(64);
        var names = new List<string>(64);
        for (var s = 0; s < profile.Samples.Count; s++)
        {
            var count = profile.Samples.Value(s, 0);
            if (count <= 0 || count > int.MaxValue)
                throw new InputFormatException(source, $"sample {s} counts {count:N0} goroutines (expected 1 to {int.MaxValue:N0})");
            frames.Clear();
            names.Clear();
            foreach (var location in profile.Samples.Locations(s))
            {
                var lines = profile.Locations.LineCount(location);
                if (lines == 0)
                {
                    var address = $"0x{profile.Locations.Address(location):x}";
                    frames.Add(builder.Frame(address, "", 0));
                    names.Add(address);
                }
                for (var k = 0; k < lines; k++)
                {
                    var line = profile.Locations.Line(location, k);
                    var function = line.FunctionIndex < 0 ? "?" : profile.Functions.Name(line.FunctionIndex);
                    var file = line.FunctionIndex < 0 ? "" : profile.Functions.FileName(line.FunctionIndex);
                    frames.Add(builder.Frame(function, file, (int)Math.Clamp(line.Line, 0, int.MaxValue)));
                    names.Add(function);
                }
            }
            var cut = names.Count >= RecordedFrames && names[^1] != "runtime.goexit";
            builder.AddRecord(builder.Stack(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(frames), cut), count, Labels(profile,
                s));
        }
        var frameTable = builder.BuildFrames();
        return new GoroutineDump(source, GoroutineDumpForm.Protobuf, kind, capturedAt ?? profile.Time, frameTable,
            builder.BuildStacks(frameTable),
            builder.BuildRecords(), null, "", new SkippedLines(), []);
    }

    private static GoroutineProfileKind Kind(Profile profile, string source)
    {
        var types = profile.SampleTypes;
        if (types.Count == 1 && types[0].Unit == "count" && types[0].Type is "goroutine" or "goroutineleak")
            return types[0].Type == "goroutine" ? GoroutineProfileKind.Goroutines : GoroutineProfileKind.LeakedGoroutines;
        var what = types.Count == 0 ? "no sample types" : "sample types " + string.Join(", ", types.Select(t => $"{t.Type}/{t.Unit}"));
        throw new InputFormatException(source,
            $"is a pprof profile with {what}, not a goroutine profile (goroutine/count or goroutineleak/count)");
    }

    private static string Labels(Profile profile, int sample)
    {
        var count = profile.Samples.LabelCount(sample);
        if (count == 0) return "";
        var pairs = new List<string>(count);
        for (var k = 0; k < count; k++)
        {
            var label = profile.Samples.Label(sample, k);
            if (label.IsString) pairs.Add($"\"{label.Key}\":\"{label.Text}\"");
        }
        pairs.Sort(StringComparer.Ordinal);
        return pairs.Count == 0 ? "" : "{" + string.Join(", ", pairs) + "}";
    }
}

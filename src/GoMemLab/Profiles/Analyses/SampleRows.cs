using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// The samples of a profile as a long table, one row per sample, for ad-hoc queries (group by leaf file,
/// filter on depth, join on stack id…). Nothing is filtered, pruned or merged: the rows are the profile's
/// samples in file order, and summing a value column gives the profile's total for that sample type.
/// </summary>
public static class SampleRows
{
    /// <summary>
    /// Columns: <c>sample</c> (index in the profile), <c>stack_id</c> (equal for samples with the same location
    /// stack, numbered in order of first appearance), <c>depth</c> (frames, counting inlined calls),
    /// <c>leaf_function</c>, <c>leaf_file</c>, <c>leaf_line</c> (the innermost frame, where the allocation
    /// happened; empty/0 when unsymbolized), then one Int64 column per sample type named after it (e.g.
    /// <c>alloc_objects</c>, <c>alloc_space</c>, <c>inuse_objects</c>, <c>inuse_space</c>), then <c>bytes</c>
    /// (the object size label Go puts on heap samples) when the profile has that label.
    /// </summary>
    public static DataFrame ToDataFrame(Profile profile)
    {
        var samples = profile.Samples;
        var locations = profile.Locations;
        var functions = profile.Functions;
        var count = samples.Count;
        var stackIds = new Dictionary<StackKey, int>();
        var stack = new int[count];
        var depth = new int[count];
        var leafFunction = new string[count];
        var leafFile = new string[count];
        var leafLine = new long[count];
        long?[]? objectSize = null;
        for (var s = 0; s < count; s++)
        {
            var frames = samples.Locations(s);
            var key = new StackKey(frames.ToArray());
            if (!stackIds.TryGetValue(key, out var id)) stackIds[key] = id = stackIds.Count;
            stack[s] = id;
            var lines = 0;
            foreach (var l in frames) lines += Math.Max(1, locations.LineCount(l));
            depth[s] = lines;
            leafFunction[s] = leafFile[s] = "";
            if (frames.Length > 0 && locations.LineCount(frames[0]) > 0)
            {
                var line = locations.Line(frames[0], 0);
                if (line.FunctionIndex >= 0)
                {
                    leafFunction[s] = functions.Name(line.FunctionIndex);
                    leafFile[s] = functions.FileName(line.FunctionIndex);
                }
                leafLine[s] = line.Line;
            }
            foreach (var label in samples.Labels(s))
                if (!label.IsString && label.Key == "bytes")
                {
                    objectSize ??= new long?[count];
                    objectSize[s] = label.Number;
                }
        }
        var frame = new DataFrame(
            new Int32DataFrameColumn("sample", Enumerable.Range(0, count)),
            new Int32DataFrameColumn("stack_id", stack),
            new Int32DataFrameColumn("depth", depth),
            new StringDataFrameColumn("leaf_function", leafFunction),
            new StringDataFrameColumn("leaf_file", leafFile),
            new Int64DataFrameColumn("leaf_line", leafLine));
        for (var t = 0; t < profile.SampleTypes.Count; t++)
        {
            var column = new Int64DataFrameColumn(profile.SampleTypes[t].Type, count);
            for (var s = 0; s < count; s++) column[s] = samples.Value(s, t);
            frame.Columns.Add(column);
        }
        if (objectSize is not null) frame.Columns.Add(new Int64DataFrameColumn("bytes", objectSize));
        return frame;
    }

    private readonly struct StackKey(int[] frames) : IEquatable<StackKey>
    {
        private readonly int[] _frames = frames;

        public bool Equals(StackKey other) => _frames.AsSpan().SequenceEqual(other._frames);
        public override bool Equals(object? obj) => obj is StackKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_frames.AsSpan()));
            return hash.ToHashCode();
        }
    }
}

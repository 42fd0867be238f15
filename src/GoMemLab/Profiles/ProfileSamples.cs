using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles;

/// <summary>One frame of a sample's stack: a line of a location. <see cref="Inlined"/> is true for every line of a location but its last
/// (the physical frame).</summary>
public readonly record struct StackFrame(string Function, string File, long Line, bool Inlined, ulong Address);

/// <summary>
/// Per-sample views of a profile, for analyses that need more than <see cref="Analyses.Top"/>: a long
/// DataFrame with one row per sample, and the frames of one sample's stack.
/// </summary>
public static class ProfileSamples
{
    /// <summary>
    /// The frames of a sample from the leaf (where the allocation or CPU sample happened) to the root, inlined
    /// callees before their callers, exactly as pprof orders them. Unsymbolized locations give one frame with
    /// empty function and file.
    /// </summary>
    public static IEnumerable<StackFrame> Frames(Profile profile, int sample)
    {
        var locations = profile.Locations;
        var functions = profile.Functions;
        foreach (var l in profile.Samples.Locations(sample).ToArray())
        {
            var count = locations.LineCount(l);
            if (count == 0) { yield return new StackFrame("", "", 0, false, locations.Addresses[l]); continue; }
            for (var k = 0; k < count; k++)
            {
                var line = locations.Line(l, k);
                var f = line.FunctionIndex;
                yield return new StackFrame(f < 0 ? "" : functions.Names[f], f < 0 ? "" : functions.FileNames[f], line.Line, k < count - 1,
                    locations.Addresses[l]);
            }
        }
    }

    /// <summary>
    /// One row per sample:
    /// <list type="bullet">
    /// <item><c>sample_id</c>: the sample's index in the profile;</item>
    /// <item>one Int64 column per sample type, named by the type (e.g. <c>alloc_objects</c>, <c>alloc_space</c>,
    /// <c>inuse_objects</c>, <c>inuse_space</c>), raw values in the type's unit;</item>
    /// <item><c>leaf_function</c>, <c>leaf_file</c>, <c>leaf_line</c>: the innermost frame (empty/0 when unsymbolized);</item>
    /// <item><c>stack_id</c>: equal for samples with the same sequence of locations (numbered in order of first
    /// appearance); <c>depth</c>: the number of frames (lines), inlined ones included;</item>
    /// <item>one column per label key, <c>label_KEY</c>: Int64 for numeric labels (Go heap profiles: <c>label_bytes</c>,
    /// the object size), string for string labels; null when a sample lacks it; the first value when repeated.</item>
    /// </list>
    /// </summary>
    public static DataFrame ToDataFrame(Profile profile)
    {
        var samples = profile.Samples;
        var locations = profile.Locations;
        var functions = profile.Functions;
        var count = samples.Count;
        var ids = new Int32DataFrameColumn("sample_id", count);
        var valueColumns = profile.SampleTypes.Select(t => new Int64DataFrameColumn(t.Type, count)).ToArray();
        var leafFunction = new StringDataFrameColumn("leaf_function", count);
        var leafFile = new StringDataFrameColumn("leaf_file", count);
        var leafLine = new Int64DataFrameColumn("leaf_line", count);
        var stackIds = new Int32DataFrameColumn("stack_id", count);
        var depths = new Int32DataFrameColumn("depth", count);
        var numericLabels = new Dictionary<string, Int64DataFrameColumn>();
        var stringLabels = new Dictionary<string, StringDataFrameColumn>();
        var stackIndex = new Dictionary<StackKey, int>();

        for (var s = 0; s < count; s++)
        {
            ids[s] = s;
            var values = samples.Values(s);
            for (var v = 0; v < valueColumns.Length; v++) valueColumns[v][s] = values[v];
            var stack = samples.Locations(s);
            var depth = 0;
            foreach (var l in stack) depth += Math.Max(1, locations.LineCount(l));
            depths[s] = depth;
            if (stack.Length > 0 && locations.LineCount(stack[0]) > 0)
            {
                var leaf = locations.Line(stack[0], 0);
                leafFunction[s] = leaf.FunctionIndex < 0 ? "" : functions.Names[leaf.FunctionIndex];
                leafFile[s] = leaf.FunctionIndex < 0 ? "" : functions.FileNames[leaf.FunctionIndex];
                leafLine[s] = leaf.Line;
            }
            else
            {
                leafFunction[s] = "";
                leafFile[s] = "";
                leafLine[s] = 0;
            }
            var key = new StackKey(samples.LocationIndexes, samples.LocationStart[s], stack.Length);
            if (!stackIndex.TryGetValue(key, out var stackId)) stackIndex.Add(key, stackId = stackIndex.Count);
            stackIds[s] = stackId;

            for (var k = 0; k < samples.LabelCount(s); k++)
            {
                var label = samples.Label(s, k);
                if (label.IsString)
                {
                    if (!stringLabels.TryGetValue(label.Key,
                        out var column)) stringLabels[label.Key] = column = new StringDataFrameColumn("label_" + label.Key, count);
                    column[s] ??= label.Text;
                }
                else
                {
                    if (!numericLabels.TryGetValue(label.Key,
                        out var column)) numericLabels[label.Key] = column = new Int64DataFrameColumn("label_" + label.Key, count);
                    column[s] ??= label.Number;
                }
            }
        }
        var columns = new List<DataFrameColumn> { ids };
        columns.AddRange(valueColumns);
        columns.AddRange([leafFunction, leafFile, leafLine, stackIds, depths]);
        columns.AddRange(numericLabels.Values);
        columns.AddRange(stringLabels.Values);
        return new DataFrame(columns);
    }

    /// <summary>A stack as a slice of the shared location column, compared by content.</summary>
    private readonly struct StackKey(int[] all, int start, int length) : IEquatable<StackKey>
    {
        private ReadOnlySpan<int> Span => all.AsSpan(start, length);
        public bool Equals(StackKey other) => Span.SequenceEqual(other.Span);
        public override bool Equals(object? obj) => obj is StackKey other && Equals(other);
        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Span));
            return hash.ToHashCode();
        }
    }
}

namespace GoMemLab.Profiles;

/// <summary>
/// The samples of a profile, stored as columns so a million-sample heap profile costs a few arrays
/// instead of a million objects. Sample i has:
/// <list type="bullet">
/// <item>a stack: <see cref="Locations"/>(i), location indexes, leaf first (pprof order);</item>
/// <item>one value per sample type: <see cref="Values"/>(i), in the order of <see cref="Profile.SampleTypes"/>;</item>
/// <item>labels: <see cref="Labels"/>(i), e.g. Go heap profiles label every sample with <c>bytes</c> = object size.</item>
/// </list>
/// </summary>
public sealed class SampleTable
{
    internal readonly int[] LocationStart;
    /// <summary>Location indexes of all stacks; may be longer than used (see <see cref="TotalFrames"/>).</summary>
    internal readonly int[] LocationIndexes;
    internal readonly long[] AllValues;
    internal readonly int[]? LabelStart;
    internal readonly RawLabel[] AllLabels;
    internal readonly string[] LabelStrings;

    internal SampleTable(int count, int valuesPerSample, int[] locationStart, int[] locationIndexes, long[] values,
        int[]? labelStart, RawLabel[] labels, string[] labelStrings)
    {
        Count = count;
        ValuesPerSample = valuesPerSample;
        LocationStart = locationStart;
        LocationIndexes = locationIndexes;
        AllValues = values;
        LabelStart = labelStart;
        AllLabels = labels;
        LabelStrings = labelStrings;
    }

    public int Count { get; }

    /// <summary>Values each sample carries: the number of sample types.</summary>
    public int ValuesPerSample { get; }

    /// <summary>The total number of stack entries over all samples.</summary>
    public long TotalFrames => LocationStart[Count];

    /// <summary>The stack of a sample as location indexes, leaf (where the allocation happened) first.</summary>
    public ReadOnlySpan<int> Locations(int sample) =>
        LocationIndexes.AsSpan(LocationStart[sample], LocationStart[sample + 1] - LocationStart[sample]);

    /// <summary>All values of a sample, one per sample type.</summary>
    public ReadOnlySpan<long> Values(int sample) => AllValues.AsSpan(sample * ValuesPerSample, ValuesPerSample);

    public long Value(int sample, int typeIndex) => AllValues[(long)sample * ValuesPerSample + typeIndex];

    public int LabelCount(int sample) => LabelStart is null ? 0 : LabelStart[sample + 1] - LabelStart[sample];

    /// <summary>Label <paramref name="k"/> of a sample (0 ≤ k &lt; <see cref="LabelCount"/>).</summary>
    public ProfileLabel Label(int sample, int k)
    {
        if ((uint)k >= (uint)LabelCount(sample)) throw new ArgumentOutOfRangeException(nameof(k));
        var raw = AllLabels[LabelStart![sample] + k];
        return new ProfileLabel(LabelStrings[raw.Key], LabelStrings[raw.Text], raw.Number, LabelStrings[raw.Unit]);
    }

    /// <summary>All labels of a sample (a new array per call).</summary>
    public ProfileLabel[] Labels(int sample)
    {
        var labels = new ProfileLabel[LabelCount(sample)];
        for (var k = 0; k < labels.Length; k++) labels[k] = Label(sample, k);
        return labels;
    }

    /// <summary>The string value of label <paramref name="key"/> on a sample, or null; does not allocate.</summary>
    public string? StringLabel(int sample, string key)
    {
        if (LabelStart is null) return null;
        for (var i = LabelStart[sample]; i < LabelStart[sample + 1]; i++)
        {
            var raw = AllLabels[i];
            if (raw.Text != 0 && LabelStrings[raw.Key] == key) return LabelStrings[raw.Text];
        }
        return null;
    }
}

/// <summary>
/// A sample label: either a string (<see cref="Text"/>) or a number with an optional unit
/// (<see cref="Number"/>, <see cref="NumberUnit"/>); pprof treats a label with non-empty text as a string label.
/// </summary>
public readonly record struct ProfileLabel(string Key, string Text, long Number, string NumberUnit)
{
    public bool IsString => Text.Length > 0;
}

/// <summary>A label as stored: indexes into the sample table's label strings (index 0 is "").</summary>
internal readonly record struct RawLabel(int Key, int Text, long Number, int Unit);

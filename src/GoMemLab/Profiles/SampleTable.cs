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
    internal readonly int[] LocationIndexes;
    internal readonly long[] AllValues;
    internal readonly int[]? LabelStart;
    internal readonly ProfileLabel[] AllLabels;

    internal SampleTable(int valuesPerSample, int[] locationStart, int[] locationIndexes, long[] values, int[]? labelStart, ProfileLabel[] labels)
    {
        ValuesPerSample = valuesPerSample;
        LocationStart = locationStart;
        LocationIndexes = locationIndexes;
        AllValues = values;
        LabelStart = labelStart;
        AllLabels = labels;
    }

    public int Count => LocationStart.Length - 1;

    /// <summary>Values each sample carries: the number of sample types.</summary>
    public int ValuesPerSample { get; }

    /// <summary>The total number of stack entries over all samples.</summary>
    public long TotalFrames => LocationIndexes.Length;

    /// <summary>The stack of a sample as location indexes, leaf (where the allocation happened) first.</summary>
    public ReadOnlySpan<int> Locations(int sample) =>
        LocationIndexes.AsSpan(LocationStart[sample], LocationStart[sample + 1] - LocationStart[sample]);

    /// <summary>All values of a sample, one per sample type.</summary>
    public ReadOnlySpan<long> Values(int sample) => AllValues.AsSpan(sample * ValuesPerSample, ValuesPerSample);

    public long Value(int sample, int typeIndex) => AllValues[(long)sample * ValuesPerSample + typeIndex];

    public ReadOnlySpan<ProfileLabel> Labels(int sample) =>
        LabelStart is null ? [] : AllLabels.AsSpan(LabelStart[sample], LabelStart[sample + 1] - LabelStart[sample]);

    /// <summary>The string value of label <paramref name="key"/> on a sample, or null.</summary>
    public string? StringLabel(int sample, string key)
    {
        foreach (var label in Labels(sample))
            if (label.IsString && label.Key == key) return label.Text;
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

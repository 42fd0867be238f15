namespace GoMemLab.Profiles;

/// <summary>
/// What one column of sample values measures: a type such as <c>alloc_space</c>, <c>inuse_objects</c>,
/// <c>samples</c> or <c>cpu</c>, and its unit (<c>bytes</c>, <c>count</c>, <c>nanoseconds</c>). The same
/// pair describes a profile's period (pprof's <c>ValueType</c>).
/// </summary>
public sealed record ProfileValueType(string Type, string Unit)
{
    public override string ToString() => $"{Type}/{Unit}";
}

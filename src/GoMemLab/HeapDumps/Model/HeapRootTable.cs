namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// The roots that point into the heap, each with the objects it references directly. <see cref="Via"/> says where in
/// the root a reference sits: the frame's function for a goroutine (or "closure context", "defer record", "panic
/// value"), "word" for a global, "object fields" or "finalizer closure" for a finalizer.
/// </summary>
public sealed class HeapRootTable
{
    private readonly int[] _firstTarget;
    private readonly int[] _targets;
    private readonly int[] _via;
    private readonly string[] _vias;

    internal HeapRootTable(IReadOnlyList<HeapRoot> roots, int[] firstTarget, int[] targets, int[] via, string[] vias)
    {
        Roots = roots;
        _firstTarget = firstTarget;
        _targets = targets;
        _via = via;
        _vias = vias;
    }

    public IReadOnlyList<HeapRoot> Roots { get; internal set; }

    public int Count => Roots.Count;

    public HeapRoot this[int index] => Roots[index];

    /// <summary>The objects root <paramref name="index"/> references directly.</summary>
    public ReadOnlySpan<int> Targets(int index) => _targets.AsSpan(_firstTarget[index], _firstTarget[index + 1] - _firstTarget[index]);

    /// <summary>Where in root <paramref name="index"/> its reference to <paramref name="target"/> sits (the first one, when
    /// several).</summary>
    public string Via(int index, int target)
    {
        for (var t = _firstTarget[index]; t < _firstTarget[index + 1]; t++)
            if (_targets[t] == target) return _vias[_via[t]];
        return "";
    }

    internal int TotalTargets => _targets.Length;
}

namespace GoMemLab.Joins;

/// <summary>
/// Finds, among the source files one input names (the files of an escape log, of an assembly listing),
/// the one another input's key stands for. Keys are <see cref="SourcePathKey.Normalize"/>d. A key matches
/// exactly, else the candidate sharing the longest run of trailing path elements with it — at least the base
/// name and, when both have one, the directory above it — provided no other candidate shares as many
/// (an ambiguous match is no match: joining the wrong <c>main.go</c> would be worse than none).
/// </summary>
public sealed class SourceFileResolver
{
    private readonly HashSet<string> _candidates;
    private readonly Dictionary<string, List<string>> _byBaseName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);

    /// <summary>Indexes the candidate keys (duplicates and empty keys are ignored).</summary>
    public SourceFileResolver(IEnumerable<string> candidateKeys)
    {
        _candidates = new HashSet<string>(candidateKeys.Where(k => k.Length > 0), StringComparer.Ordinal);
        foreach (var key in _candidates)
        {
            var name = SourcePathKey.BaseName(key);
            if (!_byBaseName.TryGetValue(name, out var list)) _byBaseName[name] = list = [];
            list.Add(key);
        }
    }

    /// <summary>How many distinct files the resolver knows.</summary>
    public int Count => _candidates.Count;

    /// <summary>The candidate <paramref name="key"/> stands for, or null when none (or more than one) fits.</summary>
    public string? Resolve(string key)
    {
        if (key.Length == 0) return null;
        if (_cache.TryGetValue(key, out var known)) return known;
        return _cache[key] = Find(key);
    }

    private string? Find(string key)
    {
        if (_candidates.Contains(key)) return key;
        if (!_byBaseName.TryGetValue(SourcePathKey.BaseName(key), out var sameName)) return null;
        string? best = null;
        int bestLength = 0, ties = 0;
        foreach (var candidate in sameName)
        {
            var length = SourcePathKey.CommonSuffixElements(key, candidate);
            if (length > bestLength) { best = candidate; bestLength = length; ties = 1; }
            else if (length == bestLength) ties++;
        }
        if (best is null || ties > 1) return null;
        var bothHaveDirectories = key.Contains('/') && best.Contains('/');
        return bothHaveDirectories && bestLength < 2 ? null : best;
    }
}

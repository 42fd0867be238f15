namespace GoMemLab.Telemetry;

/// <summary>
/// Counts the lines a log reader skipped, by reason, and remembers where the first few were, so the
/// reader can report them once ("3 lines skipped: …") instead of failing or staying silent.
/// Not thread-safe: one reader fills it, then it is only read.
/// </summary>
public sealed class SkippedLines
{
    /// <summary>How many line numbers are kept for the report.</summary>
    public const int RememberedLines = 5;

    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly List<long> _first = new(RememberedLines);

    /// <summary>Total number of skipped lines.</summary>
    public long Count { get; private set; }

    /// <summary>Counts per reason, in the order the reasons were first seen.</summary>
    public IReadOnlyDictionary<string, long> ByReason => _byReason;

    /// <summary>1-based numbers of the first <see cref="RememberedLines"/> skipped lines.</summary>
    public IReadOnlyList<long> FirstLineNumbers => _first;

    /// <summary>Counts one skipped line under <paramref name="reason"/>.</summary>
    public void Add(long lineNumber, string reason)
    {
        Count++;
        _byReason[reason] = _byReason.TryGetValue(reason, out var n) ? n + 1 : 1;
        if (_first.Count < RememberedLines) _first.Add(lineNumber);
    }

    /// <summary>
    /// Adds everything <paramref name="other"/> counted, with each reason prefixed (e.g. by the file name
    /// when several files are read as one series); its line numbers keep referring to their own file.
    /// </summary>
    public void AddAll(SkippedLines other, string reasonPrefix)
    {
        foreach (var (reason, count) in other._byReason)
        {
            var key = reasonPrefix + reason;
            _byReason[key] = _byReason.TryGetValue(key, out var n) ? n + count : count;
            Count += count;
        }
        foreach (var line in other._first)
            if (_first.Count < RememberedLines) _first.Add(line);
    }

    /// <summary>
    /// One line for people, e.g. "3 lines skipped (not gctrace: 2, truncated or damaged gc line: 1), first at lines 4, 9, 12";
    /// empty when nothing was skipped.
    /// </summary>
    public string Describe()
    {
        if (Count == 0) return "";
        var reasons = string.Join(", ", _byReason.Select(r => $"{r.Key}: {r.Value}"));
        var lines = string.Join(", ", _first) + (Count > _first.Count ? ", …" : "");
        return $"{Count} line{(Count == 1 ? "" : "s")} skipped ({reasons}), first at line{(Count == 1 ? "" : "s")} {lines}";
    }

    public override string ToString() => Describe();
}

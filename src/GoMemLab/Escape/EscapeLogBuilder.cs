using System.Text;

namespace GoMemLab.Escape;

/// <summary>
/// Collects diagnostics and explanation steps while a reader walks a log, then ties each
/// <c>X escapes to heap:</c> explanation to its decision. The compiler prints a batch's explanations
/// before its decisions, sometimes two explanations for one decision (e.g. "spill" and "non-constant
/// size"), and sometimes with a different subject spelling (the explanation shows
/// <c>fmt.Sprintf("…", err)</c>, the decision <c>fmt.Sprintf("…", ... argument...)</c>), so matching
/// waits until the whole log is read and goes by package and position first, subject second.
/// </summary>
internal sealed class EscapeLogBuilder
{
    internal struct Draft
    {
        public int Package, File, Line, Column;
        public EscapeKind Kind;
        public string Subject, Message;
        public long LogLine, Sequence;
        public int FirstExplanation; // -1 when none; chained through Explanation.Next
    }

    internal struct Explanation
    {
        public int Package, File, Line, Column;
        public string Subject, Message;
        public long LogLine, Sequence;
        public int FirstStep, StepCount, Owner, Next;
    }

    internal struct StepRecord
    {
        public int Offset, Length;
        public FlowStepKind Kind;
    }

    private readonly List<string> _packages = [""];
    private readonly Dictionary<string, int> _packageIds = new() { [""] = 0 };
    private readonly List<string> _files = [""];
    private readonly Dictionary<string, int> _fileIds = new() { [""] = 0 };
    private byte[] _lastFileBytes = [];
    private int _lastFileId;
    private readonly List<Draft> _drafts = [];
    private readonly List<Explanation> _explanations = [];
    private StepRecord[] _steps = new StepRecord[1024];

    /// <summary>Sizes the step store once (e.g. to the number of lines) so a large log does not regrow it.</summary>
    public void ReserveSteps(int count)
    {
        if (count > _steps.Length) Array.Resize(ref _steps, count);
        // About one line in ten is a diagnostic in -m=2 logs; one in two with plain -m.
        _drafts.Capacity = Math.Max(_drafts.Capacity, count / 8);
    }
    private int _stepCount;
    private int _openExplanation = -1;
    private long _sequence;

    /// <summary>What an explanation left without a decision becomes (other for -m text; <see cref="EscapeJsonReader"/> sets
    /// moved-to-heap).</summary>
    public EscapeKind OrphanExplanationKind { get; init; } = EscapeKind.Other;

    public int InternPackage(string name)
    {
        if (_packageIds.TryGetValue(name, out var id)) return id;
        _packages.Add(name);
        return _packageIds[name] = _packages.Count - 1;
    }

    /// <summary>Interns a UTF-8 file name; consecutive lines nearly always repeat the last one.</summary>
    public int InternFile(ReadOnlySpan<byte> utf8)
    {
        if (utf8.SequenceEqual(_lastFileBytes)) return _lastFileId;
        var id = InternFile(Encoding.UTF8.GetString(utf8));
        _lastFileBytes = utf8.ToArray();
        return _lastFileId = id;
    }

    public int InternFile(string name)
    {
        if (_fileIds.TryGetValue(name, out var id)) return id;
        _files.Add(name);
        return _fileIds[name] = _files.Count - 1;
    }

    public int OpenExplanation => _openExplanation;

    /// <summary>Adds a diagnostic or an explanation header, as <see cref="EscapeMessage.Classify"/> says.</summary>
    public void Add(int package, int file, int line, int column, string message, long logLine)
    {
        var c = EscapeMessage.Classify(message);
        _openExplanation = -1;
        if (c.OpensExplanation && c.Kind == EscapeKind.EscapesToHeap)
        {
            _explanations.Add(new Explanation
            {
                Package = package, File = file, Line = line, Column = column, Subject = c.Subject, Message = message,
                LogLine = logLine, Sequence = _sequence++, FirstStep = _stepCount, Owner = -1, Next = -1,
            });
            _openExplanation = _explanations.Count - 1;
            return;
        }
        var index = AddDraft(package, file, line, column, c.Kind, c.Subject, message, logLine);
        if (c.OpensExplanation)
        {
            _explanations.Add(new Explanation
            {
                Package = package, File = file, Line = line, Column = column, Subject = c.Subject, Message = message,
                LogLine = logLine, Sequence = _sequence++, FirstStep = _stepCount, Owner = index, Next = -1,
            });
            _openExplanation = _explanations.Count - 1;
            var d = _drafts[index]; d.FirstExplanation = _openExplanation; _drafts[index] = d;
        }
    }

    // Drafts [0, read) are in log order; sort the few appended ones and merge.
    private static List<Draft> MergeBySequence(List<Draft> drafts, int read)
    {
        drafts.Sort(read, drafts.Count - read, Comparer<Draft>.Create((x, y) => x.Sequence.CompareTo(y.Sequence)));
        var merged = new List<Draft>(drafts.Count);
        int a = 0, b = read;
        while (a < read || b < drafts.Count)
            merged.Add(b >= drafts.Count || (a < read && drafts[a].Sequence < drafts[b].Sequence) ? drafts[a++] : drafts[b++]);
        return merged;
    }

    /// <summary>Adds a diagnostic whose kind the reader already knows (the JSON form).</summary>
    public void AddClassified(int package, int file, int line, int column, EscapeKind kind, string subject, string message, long logLine)
    {
        _openExplanation = -1;
        AddDraft(package, file, line, column, kind, subject, message, logLine);
    }

    /// <summary>Adds a line kept verbatim as <see cref="EscapeKind.Other"/> (no position, or a step with no open explanation).</summary>
    public void AddOther(int package, int file, int line, int column, string message, long logLine)
    {
        _openExplanation = -1;
        AddDraft(package, file, line, column, EscapeKind.Other, "", message, logLine);
    }

    /// <summary>Appends a step (bytes at offset/length of the reader's buffer) to the open explanation.</summary>
    public void AddStep(int offset, int length, FlowStepKind kind)
    {
        if (_stepCount == _steps.Length) Array.Resize(ref _steps, _steps.Length * 2);
        _steps[_stepCount++] = new StepRecord { Offset = offset, Length = length, Kind = kind };
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_explanations);
        span[_openExplanation].StepCount++;
    }

    private int AddDraft(int package, int file, int line, int column, EscapeKind kind, string subject, string message, long logLine)
    {
        _drafts.Add(new Draft
        {
            Package = package, File = file, Line = line, Column = column, Kind = kind, Subject = subject,
            Message = message, LogLine = logLine, Sequence = _sequence++, FirstExplanation = -1,
        });
        return _drafts.Count - 1;
    }

    /// <summary>Matches explanations to decisions, attributes functions and freezes the log.</summary>
    public EscapeLog Build(string source, byte[] stepText, int unpositionedLines)
    {
        var read = _drafts.Count;
        ExplanationMatching.Match(_drafts, _explanations, OrphanExplanationKind);
        // Unmatched explanations were appended; put them back where they were read.
        var sorted = _drafts.Count == read ? _drafts : MergeBySequence(_drafts, read);
        var functions = FunctionAttribution.Attribute(sorted, _files);
        var diagnostics = new EscapeDiagnostic[sorted.Count];
        var ordered = new EscapeLog.Step[_stepCount];
        var next = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            var d = sorted[i];
            var first = next;
            for (var e = d.FirstExplanation; e >= 0; e = _explanations[e].Next)
            {
                var x = _explanations[e];
                for (var s = 0; s < x.StepCount; s++)
                {
                    var r = _steps[x.FirstStep + s];
                    ordered[next++] = new EscapeLog.Step(r.Offset, r.Length, r.Kind, i);
                }
            }
            diagnostics[i] = new EscapeDiagnostic(i, _packages[d.Package], _files[d.File], d.Line, d.Column, functions[i],
                d.Kind, d.Subject, d.Message, next - first, d.LogLine)
            {
                FirstStep = first,
            };
        }
        return new EscapeLog(source, diagnostics, next == ordered.Length ? ordered : ordered[..next], stepText, unpositionedLines);
    }
}

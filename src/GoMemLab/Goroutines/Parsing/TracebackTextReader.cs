using System.Text;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Telemetry;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// Streams debug=2 text and crash tracebacks (panic, fatal error, SIGQUIT) line by line into a
/// <see cref="DumpBuilder"/>: nothing per goroutine is allocated beyond its columns. What it accepts:
/// <list type="bullet">
/// <item>before the first <c>goroutine N [...]:</c> header, anything (the panic message, <c>SIGQUIT: quit</c>, <c>PC=…</c>);</item>
/// <item>per goroutine, frames (<c>F(ARGS)</c> then <c>\tFILE:LINE …</c>), <c>...additional frames elided...</c> (Go ≤1.20: the
/// stack was cut), <c>...N frames elided...</c> (Go 1.21+: middle frames left out), <c>created by F [in goroutine N]</c>
/// with its file line, <c>[originating from goroutine N]:</c> ancestor stacks (GODEBUG=tracebackancestors; read, not kept),
/// and <c>\tgoroutine running on other thread; stack unavailable</c>;</item>
/// <item><c>goroutine 0 [idle]:</c> and <c>runtime stack:</c> blocks (a thread's system stack, not a goroutine: read, not kept);</item>
/// <item>between records, lines of no record (a crash's register dump, <c>exit status 2</c>): skipped and counted.</item>
/// </list>
/// Inside a record, anything else — a frame without its file line, text where a frame should be — is an
/// <see cref="InputFormatException"/> naming the line; so are duplicate goroutine ids (two dumps in one file).
/// </summary>
internal sealed class TracebackTextReader
{
    /// <summary>runtime/pprof (Go 1.19, writeGoroutineStacks) stops a debug=2 dump at this size.</summary>
    public const long PprofDebug2Limit = 64L << 20;

    /// <summary>Go ≤1.20 prints at most 100 frames and says so only if all 100 were shown; 90+ shown frames read as cut.</summary>
    public const int OldFormatSuspectDepth = 90;

    private const int MaxPreambleLines = 20;

    private enum Section { Outside, Goroutine, Ancestor, SystemStack }

    private readonly string _source;
    private readonly bool _mayBeCutByPprof;
    private readonly DumpBuilder _builder = new();
    private readonly GoroutineColumns _goroutines;
    private readonly SkippedLines _skipped = new();
    private readonly StringBuilder _preamble = new();
    private readonly GrowableArray<int> _frames = new(64);
    private readonly GrowableArray<int> _stackCount = new(64);
    private readonly List<int> _stackOrder = [];
    private int _preambleLines;
    private bool _sawSystemStack;

    private Section _section = Section.Outside;
    private bool _expectFileLine;
    private bool _pendingIsCreatedBy;
    private byte[] _pendingFunction = new byte[256];
    private int _pendingFunctionLength;
    private long _pendingCreator;
    private long _pendingLine;

    private InputFormatException? _errorBeforeEnd;
    private bool _recordOpen;
    private bool _keep;
    private long _id;
    private long _headerLine;
    private int _stateText;
    private int _waitMinutes;
    private byte _flags;
    private int _createdBy;
    private long _creator;
    private bool _oldElided;
    private bool _middleElided;
    private bool _sawCreatedBy;
    private int _shownFrames;

    private TracebackTextReader(string source, long contentLength)
    {
        _source = source;
        _mayBeCutByPprof = contentLength == PprofDebug2Limit;
        _goroutines = _builder.StartGoroutines((int)Math.Clamp(contentLength / 600, 16, 4_000_000));
    }

    /// <summary>Reads <paramref name="stream"/> to its end; <paramref name="contentLength"/> is the text's size when known (else
    /// -1).</summary>
    public static GoroutineDump Read(Stream stream, string source, long contentLength, DateTimeOffset? capturedAt, CancellationToken cancel)
    {
        var reader = new TracebackTextReader(source, contentLength);
        ByteLines.Read(stream, reader.Line, cancel);
        return reader.Finish(capturedAt);
    }

    private void Line(ReadOnlySpan<byte> line, long number)
    {
        if (!_mayBeCutByPprof)
        {
            ReadLine(line, number);
            return;
        }
        // A dump runtime/pprof cut at 64 MiB ends in the middle of a line: an error there is the cut, anywhere else it is one.
        if (_errorBeforeEnd is not null) throw _errorBeforeEnd;
        try
        {
            ReadLine(line, number);
        }
        catch (InputFormatException e)
        {
            _errorBeforeEnd = e;
        }
    }

    private void ReadLine(ReadOnlySpan<byte> line, long number)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (_expectFileLine)
        {
            if (line.Length > 1 && line[0] == (byte)'\t' && TracebackLines.TryParseFileLine(line[1..], out var file, out var fileLine))
            {
                CompletePending(file, fileLine);
                return;
            }
            throw Error(number, $"expected the file:line of '{Shorten(_pendingFunction.AsSpan(0, _pendingFunctionLength))}' "
                + $"(line {_pendingLine}) as a tab and FILE:LINE, found {Quote(line)}");
        }
        if (line.IsEmpty)
        {
            EndRecord();
            return;
        }
        if (line[0] == (byte)'g' && TracebackHeader.Looks(line))
        {
            EndRecord();
            StartGoroutine(line, number);
            return;
        }
        if (_section == Section.Outside)
        {
            Outside(line, number);
            return;
        }
        InRecord(line, number);
    }

    private void Outside(ReadOnlySpan<byte> line, long number)
    {
        if (line.SequenceEqual("runtime stack:"u8))
        {
            _section = Section.SystemStack;
            _sawSystemStack = true;
            return;
        }
        if (_goroutines.Count == 0 && _headerLine == 0)
        {
            if (_preambleLines++ < MaxPreambleLines) _preamble.Append(Encoding.UTF8.GetString(line)).Append('\n');
            return;
        }
        _skipped.Add(number, "not part of a goroutine record");
    }

    private void InRecord(ReadOnlySpan<byte> line, long number)
    {
        // Dispatch on the first byte: frames, the common case, start with a letter or '_'.
        switch (line[0])
        {
            case (byte)'\t':
                if (_section == Section.Goroutine && line.SequenceEqual("\tgoroutine running on other thread; stack unavailable"u8))
                {
                    _flags |= GoroutineTable.StackUnavailableFlag;
                    return;
                }
                throw Error(number, $"a file:line line with no frame line before it: {Quote(line)}");
            case (byte)'c' when line.StartsWith("created by "u8):
                if (!TracebackLines.TryParseCreatedBy(line, out var function, out var creator))
                    throw Error(number, $"expected 'created by FUNCTION' or 'created by FUNCTION in goroutine N', found {Quote(line)}");
                if (_section == Section.Goroutine) _sawCreatedBy = true;
                SetPending(function, number, createdBy: true, creator);
                return;
            case (byte)'.' when TracebackLines.IsOldElision(line):
                if (_section == Section.Goroutine) _oldElided = true;
                return;
            case (byte)'.' when TracebackLines.IsMiddleElision(line):
                if (_section == Section.Goroutine) _middleElided = true;
                return;
            case (byte)'[' when line.StartsWith("[originating from goroutine "u8) && line.EndsWith("]:"u8):
                _section = Section.Ancestor;
                return;
            case (byte)'e' when line.StartsWith("exit status "u8):
                // `go run` reports the crashed program's exit right after its last frame.
                EndRecord();
                _skipped.Add(number, "not part of a goroutine record");
                return;
        }
        if (_section == Section.Goroutine && _sawCreatedBy)
            throw Error(number, $"a frame after the 'created by' lines of goroutine {_id} (line {_headerLine}): {Quote(line)}");
        if (!TracebackLines.TrySplitFrame(line, out var name, out var arguments))
            throw Error(number, $"expected a frame (FUNCTION(ARGUMENTS)), 'created by …' or a blank line in goroutine {_id} (line "
                + $"{_headerLine}), found {Quote(line)}");
        if (_section == Section.Goroutine && _keep) _goroutines.AppendArguments(arguments);
        SetPending(name, number, createdBy: false, 0);
    }

    private void StartGoroutine(ReadOnlySpan<byte> line, long number)
    {
        var problem = TracebackHeader.TryParse(line, out var header);
        if (problem is not null) throw Error(number, problem);
        _section = Section.Goroutine;
        _recordOpen = true;
        // goroutine 0 is a thread's g0 (SIGQUIT and crash dumps print it): its system stack, not a goroutine.
        _keep = header.Id != 0;
        if (!_keep) _sawSystemStack = true;
        _id = header.Id;
        _headerLine = number;
        _stateText = _goroutines.StateText(header.StateWords);
        _waitMinutes = header.WaitMinutes;
        _flags = (byte)((header.LockedToThread ? GoroutineTable.LockedFlag : 0) | (header.Leaked ? GoroutineTable.LeakedFlag : 0));
        _createdBy = -1;
        _creator = 0;
        _oldElided = _middleElided = _sawCreatedBy = false;
        _shownFrames = 0;
        _frames.Truncate(0);
    }

    private void SetPending(ReadOnlySpan<byte> function, long number, bool createdBy, long creator)
    {
        if (function.Length > _pendingFunction.Length) _pendingFunction = new byte[function.Length * 2];
        function.CopyTo(_pendingFunction);
        _pendingFunctionLength = function.Length;
        _pendingIsCreatedBy = createdBy;
        _pendingCreator = creator;
        _pendingLine = number;
        _expectFileLine = true;
    }

    private void CompletePending(ReadOnlySpan<byte> file, int line)
    {
        _expectFileLine = false;
        if (_section != Section.Goroutine || !_keep) return;
        var frame = _builder.Frame(_pendingFunction.AsSpan(0, _pendingFunctionLength), file, line);
        if (_pendingIsCreatedBy)
        {
            _createdBy = frame;
            _creator = _pendingCreator;
            return;
        }
        _frames.Add(frame);
        _shownFrames++;
    }

    private void EndRecord()
    {
        if (_recordOpen && _keep)
        {
            // Go 1.21+ names the creator ("in goroutine N") and never cuts the outer frames; older Go may cut silently.
            var suspect = _shownFrames >= OldFormatSuspectDepth && !_middleElided && _creator == 0;
            DropGoStatementWrapper();
            var stack = _builder.Stack(_frames.Span, _oldElided || suspect);
            _goroutines.Add(_id, stack, _stateText, _waitMinutes, _flags, _createdBy, _creator, _headerLine);
            if (stack == _stackCount.Count)
            {
                _stackCount.Add(0);
                _stackOrder.Add(stack);
            }
            _stackCount[stack]++;
        }
        else if (_recordOpen) _goroutines.DiscardArguments();
        _section = Section.Outside;
        _recordOpen = _keep = false;
    }

    // `go f(x)` runs a compiler-made wrapper closure that calls f at the go statement's own file:line, named C.funcN
    // (C.N inside a closure) by Go 1.17-1.20 and C.gowrapN by 1.21+. Go's tracebacks hide it, and so do protobuf and
    // debug=1, except at GOTRACEBACK=system or crash (SIGQUIT dumps), which print every frame down to runtime.goexit.
    // There it is dropped, so that every form names f as the start. Caveat: before Go 1.21 a one-line closure that
    // blocks on its own line (`go func() { mu.Lock() }()`) looks the same there, and is dropped too.
    private void DropGoStatementWrapper()
    {
        var frames = _frames.Span;
        if (frames.Length < 3 || _createdBy < 0 || _builder.FunctionOf(frames[^1]) != "runtime.goexit") return;
        var candidate = frames[^2];
        var name = _builder.FunctionOf(candidate);
        var creator = _builder.FunctionOf(_createdBy);
        if (!name.StartsWith(creator, StringComparison.Ordinal) || !_builder.SamePosition(candidate, _createdBy)) return;
        var suffix = name.AsSpan(creator.Length);
        var digits = suffix.StartsWith(".gowrap") ? suffix[".gowrap".Length..] : suffix.StartsWith(".func") ? suffix[".func".Length..]
            : suffix.StartsWith(".") ? suffix[1..] : default;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')) return;
        frames[^2] = frames[^1];
        _frames.Truncate(_frames.Count - 1);
        _goroutines.DropPendingArguments(_frames.Count - 1);
    }

    private GoroutineDump Finish(DateTimeOffset? capturedAt)
    {
        var warnings = new List<string>();
        if (_errorBeforeEnd is not null || _expectFileLine)
        {
            if (!_mayBeCutByPprof)
                throw Error(_pendingLine, $"the dump ends after '{Shorten(_pendingFunction.AsSpan(0, _pendingFunctionLength))}' "
                    + "without its file:line line: the file is truncated");
            _expectFileLine = false;
            _goroutines.DiscardArguments();
            _section = Section.Outside;
            _recordOpen = _keep = false;
        }
        EndRecord();
        if (_mayBeCutByPprof)
            warnings.Add($"the dump is exactly {PprofDebug2Limit:N0} bytes (64 MiB), where runtime/pprof stops writing debug=2: "
                + "goroutines past that point are missing, so counts are lower bounds (a SIGQUIT dump has no such limit)");
        if (_goroutines.Count == 0)
            throw new InputFormatException(_source, _headerLine == 0
                ? "has no goroutine records ('goroutine N [state]:' followed by frames)"
                : "has no goroutine records other than goroutine 0 (a thread's system stack)");
        CheckUniqueIds();
        foreach (var stack in _stackOrder) _builder.AddRecord(stack, _stackCount[stack], "");
        var frames = _builder.BuildFrames();
        var stacks = _builder.BuildStacks(frames);
        var form = _preamble.Length > 0 || _sawSystemStack ? GoroutineDumpForm.Traceback : GoroutineDumpForm.Stacks;
        return new GoroutineDump(_source, form, GoroutineProfileKind.Goroutines, capturedAt, frames, stacks, _builder.BuildRecords(),
            _goroutines.Build(), _preamble.ToString().TrimEnd('\n'), _skipped, warnings);
    }

    // Sorting a copy of the ids finds repeats in O(n log n) without a million-entry hash set.
    private void CheckUniqueIds()
    {
        var count = _goroutines.Count;
        var ids = new long[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = _goroutines.IdAt(i);
            order[i] = i;
        }
        Array.Sort(ids, order);
        for (var i = 1; i < count; i++)
        {
            if (ids[i] != ids[i - 1]) continue;
            long first = _goroutines.LineAt(Math.Min(order[i], order[i - 1])), second = _goroutines.LineAt(Math.Max(order[i],
                order[i - 1]));
            throw new InputFormatException(_source,
                $"goroutine {ids[i]} appears twice (lines {first} and {second}): are two dumps pasted into one file?", line: second);
        }
    }

    private InputFormatException Error(long line, string problem) => new(_source, problem, line: line);

    private static string Quote(ReadOnlySpan<byte> line) => line.IsEmpty ? "a blank line" : $"\"{Shorten(line)}\"";

    private static string Shorten(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > 80 ? bytes[..80] : bytes);
        return bytes.Length > 80 ? text + "…" : text;
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Telemetry;

namespace GoMemLab.Goroutines.Parsing;

/// <summary>
/// Reads the legacy count text runtime/pprof writes for <c>debug=1</c> (<c>printCountProfile</c>, src/runtime/pprof/pprof.go,
/// the same in Go 1.19 and today): <c>NAME profile: total N</c>, then per distinct stack and label set a record
/// <c>COUNT @ 0xPC 0xPC …</c>, an optional <c># labels: {…}</c> line, one <c>#\t0xPC\tFUNCTION+0xOFF\tFILE:LINE</c> line per
/// frame (inlined frames expanded; runtime.goexit and leading runtime frames hidden) and a blank line. NAME is
/// <c>goroutine</c> or, Go 1.26+, <c>goroutineleak</c>.
/// <para>
/// A record of one address and no <c>#</c> line is a goroutine not started yet (only runtime.goexit on its stack).
/// A stack is complete when its last address is the hidden runtime.goexit, i.e. no <c>#</c> line symbolizes it
/// (the <c>#</c> addresses are the return addresses minus one); otherwise the runtime cut it (32 frames in Go 1.19).
/// The header's total must equal the sum of the counts: a file cut short fails that check.
/// </para>
/// </summary>
internal sealed class CountTextReader
{
    private readonly string _source;
    private readonly DumpBuilder _builder = new();
    private readonly List<ulong> _addresses = [];
    private readonly HashSet<ulong> _symbolized = [];
    private readonly GrowableArray<int> _frames = new(64);
    private GoroutineProfileKind _kind;
    private long _headerTotal = -1;
    private long _sum;
    private bool _inRecord;
    private long _count;
    private long _recordLine;
    private string _labels = "";
    private string _lastFunction = "";

    private CountTextReader(string source) => _source = source;

    public static GoroutineDump Read(Stream stream, string source, DateTimeOffset? capturedAt, CancellationToken cancel)
    {
        var reader = new CountTextReader(source);
        ByteLines.Read(stream, reader.Line, cancel);
        return reader.Finish(capturedAt);
    }

    /// <summary>The profile a debug=1 header names (<c>goroutine</c>, <c>goroutineleak</c>, <c>threadcreate</c>…), or null when the line is
    /// no such header.</summary>
    public static string? ProfileName(string line)
    {
        var marker = line.IndexOf(" profile: total ", StringComparison.Ordinal);
        return marker > 0 && !line[..marker].Contains(' ') ? line[..marker] : null;
    }

    private void Line(ReadOnlySpan<byte> line, long number)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (_headerTotal < 0)
        {
            Header(line, number);
            return;
        }
        if (line.IsEmpty)
        {
            EndRecord();
            return;
        }
        if (line[0] == (byte)'#')
        {
            if (!_inRecord) throw Error(number, $"a '#' line outside a record: {Quote(line)}");
            if (line.StartsWith("# labels: "u8))
                _labels = Encoding.UTF8.GetString(line["# labels: ".Length..]);
            else Frame(line, number);
            return;
        }
        EndRecord();
        Record(line, number);
    }

    private void Header(ReadOnlySpan<byte> line, long number)
    {
        if (line.IsEmpty) return;
        var text = Encoding.UTF8.GetString(line);
        var name = ProfileName(text);
        if (name is not ("goroutine" or "goroutineleak"))
            throw Error(number, $"expected 'goroutine profile: total N' (debug=1), found {Quote(line)}");
        _kind = name == "goroutine" ? GoroutineProfileKind.Goroutines : GoroutineProfileKind.LeakedGoroutines;
        if (!long.TryParse(text[(text.IndexOf(" total ", StringComparison.Ordinal) + 7)..], NumberStyles.None,
            CultureInfo.InvariantCulture, out var total)
            || total > int.MaxValue)
            throw Error(number, $"the total in {Quote(line)} is not a goroutine count (0 to {int.MaxValue:N0})");
        _headerTotal = total;
    }

    private void Record(ReadOnlySpan<byte> line, long number)
    {
        var at = line.IndexOf(" @"u8);
        if (at <= 0) throw Error(number, $"expected a record 'COUNT @ ADDRESSES', a '#' frame line or a blank line, found {Quote(line)}");
        if (!Utf8Parser.TryParse(line[..at], out long count, out var used) || used != at || count <= 0 || count > int.MaxValue)
            throw Error(number, $"the count {Quote(line[..at])} is not a goroutine count (1 to {int.MaxValue:N0})");
        _sum += count;
        if (_sum > _headerTotal)
            throw Error(number, $"the records count more goroutines ({_sum:N0} so far) than the header's total {_headerTotal:N0}");
        _addresses.Clear();
        _symbolized.Clear();
        _frames.Truncate(0);
        foreach (var token in Encoding.ASCII.GetString(line[(at + 2)..]).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.StartsWith("0x", StringComparison.Ordinal)
                || !ulong.TryParse(token.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address))
                throw Error(number, $"'{Shorten(token)}' is not an address (0x…)");
            _addresses.Add(address);
        }
        _inRecord = true;
        _count = count;
        _recordLine = number;
        _labels = "";
        _lastFunction = "";
    }

    // "#\t0x4b3bda\tmain.recv+0x1a\texample.com/gtry/main.go:10"; tabwriter may double the tabs; "#\t0x…" alone when unsymbolized.
    private void Frame(ReadOnlySpan<byte> line, long number)
    {
        var fields = Encoding.UTF8.GetString(line[1..]).Split('\t', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || !fields[0].StartsWith("0x", StringComparison.Ordinal)
            || !ulong.TryParse(fields[0].AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pc))
            throw Error(number, $"expected '#<tab>0xADDRESS<tab>FUNCTION+0xOFFSET<tab>FILE:LINE', found {Quote(line)}");
        _symbolized.Add(pc);
        if (fields.Length == 1)
        {
            _frames.Add(_builder.Frame(fields[0], "", 0));
            _lastFunction = fields[0];
            return;
        }
        if (fields.Length != 3) throw Error(number, $"expected '#<tab>0xADDRESS<tab>FUNCTION+0xOFFSET<tab>FILE:LINE', found {Quote(line)}");
        var plus = fields[1].LastIndexOf("+0x", StringComparison.Ordinal);
        var function = plus > 0 ? fields[1][..plus] : fields[1];
        var colon = fields[2].LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(fields[2].AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var fileLine))
            throw Error(number, $"expected FILE:LINE, found '{Shorten(fields[2])}'");
        _frames.Add(_builder.Frame(function, fields[2][..colon], fileLine));
        _lastFunction = function;
    }

    private void EndRecord()
    {
        if (!_inRecord) return;
        _inRecord = false;
        // printStackRecord never prints runtime.goexit, so a goroutine created but not yet started is "1 @ 0xGOEXIT" alone;
        // every other address gets a '#' line, symbolized or not.
        if (_frames.Count == 0 && _addresses.Count != 1)
            throw Error(_recordLine, "a record without its '#' frame lines (is the file cut short?)");
        // runtime.goexit is printed only when every frame is a runtime frame (printStackRecord's second pass).
        var last = _addresses.Count == 0 ? 0 : _addresses[^1];
        var complete = _lastFunction == "runtime.goexit" || (last > 0 && !_symbolized.Contains(last - 1));
        _builder.AddRecord(_builder.Stack(_frames.Span, truncated: !complete), _count, _labels);
    }

    private GoroutineDump Finish(DateTimeOffset? capturedAt)
    {
        if (_headerTotal < 0) throw new InputFormatException(_source, "is empty, expected 'goroutine profile: total N' (debug=1)");
        EndRecord();
        if (_sum != _headerTotal)
            throw new InputFormatException(_source,
                $"the header says total {_headerTotal:N0} but the records count {_sum:N0} goroutines: the file is truncated or edited",
                    line: 1);
        var frames = _builder.BuildFrames();
        return new GoroutineDump(_source, GoroutineDumpForm.CountText, _kind, capturedAt, frames, _builder.BuildStacks(frames),
            _builder.BuildRecords(), null, "", new SkippedLines(), []);
    }

    private InputFormatException Error(long line, string problem) => new(_source, problem, line: line);

    private static string Quote(ReadOnlySpan<byte> line) => $"\"{Shorten(Encoding.UTF8.GetString(line))}\"";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

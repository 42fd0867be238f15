using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GoMemLab.Inputs;

namespace GoMemLab.Profiles.LegacyHeap;

/// <summary>
/// Reads the legacy text heap profile of <c>/debug/pprof/heap?debug=1</c> (or <c>pprof.WriteHeapProfile</c>
/// with debug=1) exactly as google/pprof's legacy parser does, and symbolizes it from the profile's own
/// <c>#	0xPC	func+0xOFF	file:line</c> comment lines, so no binary is needed.
/// <list type="bullet">
/// <item>Header <c>heap profile: A: B [C: D] @ heap/R</c>: <c>heap/R</c> (what Go writes, R = 2·MemProfileRate)
/// means period R/2 and Poisson un-sampling; <c>heap_v2/R</c> means period R; <c>heapprofile</c> means no scaling.</item>
/// <item>Sample types alloc_objects, alloc_space, inuse_objects, inuse_space (only objects, space when the
/// header's alloc totals equal the in-use ones, as pprof decides).</item>
/// <item>Each record's counts are un-sampled with scale = 1/(1-exp(-(bytes/count)/period)), applied to
/// count and bytes and truncated to integers, separately for the alloc and in-use pairs.</item>
/// <item>Stack addresses are return addresses; like pprof each is decremented by one, which is the PC the
/// comment lines print. Inlined calls print several comment lines with one PC: they become one location
/// with several lines, innermost first. The runtime prints no comment for runtime.goexit (always) nor for
/// runtime frames before the first frame it prints (mallocgc, growslice…). So an uncommented address on the
/// root side of a printed frame is runtime.goexit, and one on the leaf side is some runtime function: they
/// are named <c>runtime.goexit</c> and <c>runtime.&lt;hidden&gt;</c> (no file or line); pprof's allocator
/// drop_frames then prunes the latter exactly as it prunes the real allocator frames when it has the binary.</item>
/// <item>Like pprof, the profile gets pprof's allocator drop_frames/keep_frames, and every sample a numeric
/// <c>bytes</c> label holding the average object size.</item>
/// <item>The <c># runtime.MemStats</c> trailer becomes <see cref="Profile.MemStats"/>.</item>
/// </list>
/// </summary>
public static class LegacyHeapTextParser
{
    private static readonly Regex Header = new(@"heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)/?(\d*)",
        RegexOptions.CultureInvariant);
    private static readonly Regex Record = new(@"(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)", RegexOptions.CultureInvariant);
    private static readonly Regex Hex = new("0x[0-9a-f]+", RegexOptions.CultureInvariant);
    private static readonly Regex OffsetSuffix = new(@"\+0x[0-9a-f]+$", RegexOptions.CultureInvariant);
    private static readonly Regex MemStatsField = new(@"^#\s*\w+\s*=", RegexOptions.CultureInvariant);

    /// <summary>True when the data is text (no NUL or control bytes in its first line); outputs that line.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> data, out string firstLine)
    {
        var end = data.IndexOf((byte)'\n');
        var head = data[..(end < 0 ? Math.Min(data.Length, 512) : Math.Min(end, 512))];
        firstLine = "";
        foreach (var b in head)
            if (b < 0x20 && b != (byte)'\t' && b != (byte)'\r') return false;
        firstLine = Encoding.UTF8.GetString(head).Trim();
        return firstLine.Length > 0;
    }

    /// <summary>True when a first line is a heap profile header pprof's legacy parser accepts.</summary>
    public static bool IsHeapHeader(string line) => Header.IsMatch(line);

    public static Profile Parse(string file, ReadOnlySpan<byte> data, IProgress<LoadProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var text = Encoding.UTF8.GetString(data);
        var lines = text.Split('\n');
        var header = Header.Match(lines[0]);
        if (!header.Success) throw new InputFormatException(file, "not a legacy heap profile: the first line is not 'heap profile: …'",
            line: 1);
        var (sampling, period) = Sampling(file, header);
        var hasAlloc = (header.Groups[3].Value != header.Groups[1].Value && header.Groups[3].Value != "0")
                       || (header.Groups[4].Value != header.Groups[2].Value && header.Groups[4].Value != "0");

        var builder = new ProfileBuilder(file)
        {
            Format = ProfileFormat.LegacyHeapText,
            PeriodType = new ProfileValueType("space", "bytes"),
            Period = period,
            DropFrames = PprofFrameFilters.AllocatorFrames,
            KeepFrames = PprofFrameFilters.AllocatorFramesToKeep,
        };
        if (hasAlloc)
            builder.SampleTypes.AddRange([new("alloc_objects", "count"), new("alloc_space", "bytes"), new("inuse_objects", "count"),
                new("inuse_space", "bytes")]);
        else
            builder.SampleTypes.AddRange([new("objects", "count"), new("space", "bytes")]);

        var symbols = new Symbolizer(builder);
        var locationIdByAddress = new Dictionary<ulong, ulong>();
        var stack = new List<ulong>();
        var values = new long[4];
        var memStats = new List<string>();
        var inMemStats = false;
        var step = Math.Max(1, lines.Length / 20);
        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if ((n & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
            if (progress is not null && n % step == 0)
                progress.Report(new LoadProgress("parsing text", n, lines.Length, builder.SampleCount));
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (line.StartsWith(Telemetry.MemStatsTrailer.Header, StringComparison.Ordinal)) { inMemStats = true; memStats.Add(line); }
                else if (inMemStats && MemStatsField.IsMatch(line)) memStats.Add(line);
                else symbols.AddCommentLine(line);
                continue;
            }
            if (line.Contains("--- Memory map: ---", StringComparison.Ordinal) || line.Contains("MAPPED_LIBRARIES:",
                StringComparison.Ordinal)) break;
            symbols.EndRecord();
            var record = Record.Match(line);
            if (!record.Success)
                throw new InputFormatException(file, $"not a heap profile record (expected 'N: M [N: M] @ 0x…'): \"{Shorten(line)}\"",
                    line: n + 1);
            var count = 0;
            long blockSize = 0;
            if (hasAlloc) AddValues(record.Groups[3].Value, record.Groups[4].Value, "allocation");
            AddValues(record.Groups[1].Value, record.Groups[2].Value, "inuse");
            stack.Clear();
            var recordAddresses = new List<ulong>();
            foreach (Match hex in Hex.Matches(record.Groups[5].Value))
            {
                if (!ulong.TryParse(hex.Value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address))
                    throw new InputFormatException(file, $"address {hex.Value} does not fit in 64 bits", line: n + 1);
                // Return addresses: step back into the call instruction, as pprof does.
                address--;
                if (!locationIdByAddress.TryGetValue(address, out var id))
                {
                    id = (ulong)locationIdByAddress.Count + 1;
                    locationIdByAddress.Add(address, id);
                }
                stack.Add(id);
                recordAddresses.Add(address);
            }
            symbols.BeginRecord(recordAddresses);
            builder.AddSample(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stack), values.AsSpan(0, count),
                [new ProfileLabel("bytes", "", blockSize, "")]);
            continue;

            void AddValues(string countText, string sizeText, string what)
            {
                if (!long.TryParse(countText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var objects)
                    || !long.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bytes))
                    throw new InputFormatException(file, $"malformed heap record: \"{Shorten(line)}\"", line: n + 1);
                if (objects == 0 && bytes != 0)
                    throw new InputFormatException(file, $"{what} count is 0 but {what} bytes is {bytes}", line: n + 1);
                if (objects != 0)
                {
                    blockSize = bytes / objects;
                    if (sampling) (objects, bytes) = Unsample(objects, bytes, period);
                }
                values[count++] = objects;
                values[count++] = bytes;
            }
        }
        symbols.EndRecord();
        symbols.AddLocations(locationIdByAddress);
        // One reader of the trailer (Telemetry.MemStatsTrailer), shared with the MemStats loader.
        if (memStats.Count > 1) builder.MemStats = Telemetry.MemStatsTrailer.Find(memStats);
        return builder.Build();
    }

    /// <summary>
    /// pprof's un-sampling of a heap record: with a Poisson sampler of mean <paramref name="rate"/> bytes, an
    /// object of the record's average size is sampled with probability 1-exp(-size/rate). Truncates like Go's int64().
    /// </summary>
    public static (long Count, long Bytes) Unsample(long count, long bytes, long rate)
    {
        if (count == 0 || bytes == 0) return (0, 0);
        if (rate <= 1) return (count, bytes);
        var averageSize = (double)bytes / count;
        var scale = 1 / (1 - Math.Exp(-averageSize / rate));
        return ((long)(count * scale), (long)(bytes * scale));
    }

    private static (bool Scaled, long Period) Sampling(string file, Match header)
    {
        long rate = 0;
        if (header.Groups[6].Value.Length > 0 && !long.TryParse(header.Groups[6].Value, CultureInfo.InvariantCulture, out rate))
            throw new InputFormatException(file, $"heap profile rate '{header.Groups[6].Value}' is not a 64-bit integer", line: 1);
        return header.Groups[5].Value switch
        {
            "heapz_v2" or "heap_v2" => (true, rate),
            "heapprofile" => (false, 1),
            // The Go runtime writes 2*MemProfileRate after "heap/".
            "heap" => (true, rate / 2),
            var other => throw new InputFormatException(file,
                $"unknown heap profile kind '{other}' (expected heap, heap_v2 or heapprofile)", line: 1),
        };
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    /// <summary>Collects the comment lines of each record into per-address frames, and emits functions and locations.</summary>
    private sealed class Symbolizer(ProfileBuilder builder)
    {
        private readonly Dictionary<ulong, List<(string Function, string File, long Line)>> _framesByAddress = [];
        private readonly Dictionary<(string, string), ulong> _functionIds = [];
        private readonly List<(ulong Pc, string Function, string File, long Line)> _pending = [];
        private readonly HashSet<ulong> _goexitAddresses = [];
        private readonly HashSet<ulong> _hiddenRuntimeAddresses = [];
        private List<ulong> _record = [];

        public void BeginRecord(List<ulong> addresses) => _record = addresses;

        public void AddCommentLine(string line)
        {
            // "#\t0x4d6b10\tmain.leakedWorker+0x30\t\t/src/main.go:119": the runtime pads with tabs.
            var parts = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts[0] != "#" || !parts[1].StartsWith("0x", StringComparison.Ordinal)) return;
            if (!ulong.TryParse(parts[1].AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pc)) return;
            var function = parts.Length > 2 ? OffsetSuffix.Replace(parts[2], "") : "";
            string file = "";
            long number = 0;
            if (parts.Length > 3)
            {
                var colon = parts[3].LastIndexOf(':');
                if (colon > 0 && long.TryParse(parts[3].AsSpan(colon + 1), CultureInfo.InvariantCulture,
                    out number)) file = parts[3][..colon];
                else file = parts[3];
            }
            _pending.Add((pc, function, file, number));
        }

        public void EndRecord()
        {
            var printed = _pending.Select(p => p.Pc).ToHashSet();
            var firstPrinted = _record.FindIndex(printed.Contains);
            if (firstPrinted >= 0)
                for (var i = 0; i < _record.Count; i++)
                    if (!printed.Contains(_record[i])) (i < firstPrinted ? _hiddenRuntimeAddresses : _goexitAddresses).Add(_record[i]);
            _record = [];
            // Consecutive comment lines with the same PC are one location's inlined frames, innermost first.
            for (var i = 0; i < _pending.Count;)
            {
                var pc = _pending[i].Pc;
                var frames = new List<(string, string, long)>();
                for (; i < _pending.Count && _pending[i].Pc == pc; i++)
                    if (_pending[i].Function.Length > 0) frames.Add((_pending[i].Function, _pending[i].File, _pending[i].Line));
                _framesByAddress.TryAdd(pc, frames);
            }
            _pending.Clear();
        }

        public void AddLocations(Dictionary<ulong, ulong> locationIdByAddress)
        {
            Span<(ulong, long, long)> none = [];
            foreach (var (address, id) in locationIdByAddress)
            {
                if (!_framesByAddress.TryGetValue(address, out var frames) || frames.Count == 0)
                {
                    if (_goexitAddresses.Contains(address)) frames = [("runtime.goexit", "", 0)];
                    else if (_hiddenRuntimeAddresses.Contains(address)) frames = [("runtime.<hidden>", "", 0)];
                }
                if (frames is null || frames.Count == 0)
                {
                    builder.AddLocation(id, 0, address, none);
                    continue;
                }
                var lines = new (ulong, long, long)[frames.Count];
                for (var k = 0; k < frames.Count; k++)
                {
                    var (function, file, number) = frames[k];
                    if (!_functionIds.TryGetValue((function, file), out var functionId))
                    {
                        functionId = (ulong)_functionIds.Count + 1;
                        _functionIds.Add((function, file), functionId);
                        builder.AddFunction(functionId, function, function, file);
                    }
                    lines[k] = (functionId, number, 0);
                }
                builder.AddLocation(id, 0, address, lines);
            }
        }
    }
}

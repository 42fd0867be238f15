using System.Buffers.Binary;
using GoMemLab.HeapDumps.Model;
using GoMemLab.Inputs;
using GoMemLab.Profiles;

namespace GoMemLab.HeapDumps.Reading;

/// <summary>
/// Decodes a <c>runtime/debug.WriteHeapDump</c> file record by record (layout: Go's src/runtime/heapdump.go, the same in
/// Go 1.19 and current Go) into a <see cref="HeapDumpBuilder"/>. Only the pointer words of object, frame and segment
/// contents are read; the rest of the contents is stepped over. Every problem is an <see cref="InputFormatException"/>
/// naming the file and the byte offset of the record or field at fault.
/// </summary>
internal sealed class HeapDumpReader
{
    /// <summary>The header every dump starts with (Go 1.7 and later).</summary>
    public static readonly byte[] Header = "go1.7 heap dump\n"u8.ToArray();

    private const int FieldKindEol = 0, FieldKindPtr = 1, FieldKindIface = 2, FieldKindEface = 3;

    private readonly DumpInput _input;
    private readonly HeapDumpBuilder _builder;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly CancellationToken _cancel;
    private readonly GrowableArray<long> _fieldOffsets = new(1024);
    private readonly GrowableArray<ulong> _fieldValues = new(1024);
    private readonly ulong[] _memStats = new ulong[DumpMemStats.FieldCount];
    private long _nextCheck;
    private long _nextReport;
    private int _pointerSize;
    private bool _bigEndian;

    /// <summary>Receives the contents of an object, frame or segment: file offset, length, pointer-field offsets (ascending as written),
    /// pointer size.</summary>
    public delegate void ContentsHandler(DumpRecordTag record, long offset, long length, ReadOnlySpan<long> pointerOffsets,
        int pointerSize);

    /// <summary>Called for every object, frame and segment after its field list is read.</summary>
    public ContentsHandler? OnContents { get; init; }

    /// <summary>When set, reading stops at the object with this index and <see cref="StoppedAt"/> holds its record's offset.</summary>
    public int StopAtObject { get; init; } = -1;

    public long StoppedAt { get; private set; } = -1;

    public HeapDumpReader(DumpInput input, HeapDumpBuilder builder, IProgress<LoadProgress>? progress, CancellationToken cancel)
    {
        _input = input;
        _builder = builder;
        _progress = progress;
        _cancel = cancel;
    }

    public void Read()
    {
        ReadHeader();
        while (true)
        {
            if (_input.Position >= _nextCheck) Checkpoint();
            var at = _input.Position;
            if (_input.AtEnd) throw _input.Error("the dump ends without its EOF record: it is truncated", at);
            var tag = _input.ReadUvarint();
            var record = (DumpRecordTag)Math.Min(tag, 255);
            if (record is not (DumpRecordTag.Object or DumpRecordTag.Params or DumpRecordTag.Type or DumpRecordTag.Itab)
                && !_builder.ObjectsFinished
                && StopAtObject < 0)
                _builder.FinishObjects(_cancel);
            switch (record)
            {
                case DumpRecordTag.Eof:
                    _builder.EndGoroutine();
                    if (!_input.AtEnd) throw _input.Error($"{_input.Remaining:N0} bytes follow the EOF record", _input.Position);
                    _progress?.Report(new LoadProgress("reading heap dump", _input.Length, _input.Length, 0));
                    return;
                case DumpRecordTag.Object:
                    if (_builder.ObjectCount == StopAtObject)
                    {
                        StoppedAt = at;
                        return;
                    }
                    if (_builder.ObjectsFinished)
                        throw _input.Error("an object record after the roots (a dump lists every object before the goroutines and roots)",
                            at);
                    ReadObject(at);
                    break;
                case DumpRecordTag.OtherRoot:
                    _builder.AddOtherRoot(_input.ReadString(), _input.ReadUvarint());
                    break;
                case DumpRecordTag.Type:
                    var typeAddress = _input.ReadUvarint();
                    var typeSize = _input.ReadUvarint();
                    var typeName = _input.ReadString();
                    _input.ReadBool();
                    _builder.Types[typeAddress] = (typeName, typeSize);
                    break;
                case DumpRecordTag.Goroutine:
                    ReadGoroutine(at);
                    break;
                case DumpRecordTag.StackFrame:
                    ReadFrame(at);
                    break;
                case DumpRecordTag.Params:
                    ReadParams(at);
                    break;
                case DumpRecordTag.Finalizer:
                case DumpRecordTag.QueuedFinalizer:
                    var obj = _input.ReadUvarint();
                    var closure = _input.ReadUvarint();
                    var pc = _input.ReadUvarint();
                    _input.ReadUvarint(); // fint: the finalizer's argument type
                    _input.ReadUvarint(); // ot: the object's pointer type
                    _builder.AddFinalizer(obj, closure, pc, tag == (ulong)DumpRecordTag.QueuedFinalizer);
                    break;
                case DumpRecordTag.Itab:
                    _input.ReadUvarint();
                    _input.ReadUvarint();
                    _builder.ItabCount++;
                    break;
                case DumpRecordTag.OsThread:
                    _input.ReadUvarint();
                    _input.ReadUvarint();
                    _input.ReadUvarint();
                    _builder.ThreadCount++;
                    break;
                case DumpRecordTag.MemStats:
                    for (var i = 0; i < _memStats.Length; i++) _memStats[i] = _input.ReadUvarint();
                    _builder.MemStats = DumpMemStats.FromFields(_memStats);
                    break;
                case DumpRecordTag.Data:
                case DumpRecordTag.Bss:
                    ReadSegment(at, tag == (ulong)DumpRecordTag.Data ? "data" : "bss");
                    break;
                case DumpRecordTag.Defer:
                    var deferRecord = _input.ReadUvarint();
                    _input.ReadUvarint(); // the goroutine: the one being read
                    _input.ReadUvarint(); // sp
                    _input.ReadUvarint(); // pc
                    var fn = _input.ReadUvarint();
                    _input.ReadUvarint(); // fn.fn
                    var link = _input.ReadUvarint();
                    _builder.AddDefer(deferRecord, fn, link);
                    break;
                case DumpRecordTag.Panic:
                    _input.ReadUvarint(); // the record, on the stack
                    _input.ReadUvarint(); // the goroutine
                    _input.ReadUvarint(); // the value's type
                    var data = _input.ReadUvarint();
                    _input.ReadUvarint(); // was the defer
                    _input.ReadUvarint(); // link
                    _builder.AddPanic(data);
                    break;
                case DumpRecordTag.MemProf:
                    ReadBucket();
                    break;
                case DumpRecordTag.AllocSample:
                    var address = _input.ReadUvarint();
                    var bucket = _input.ReadUvarint();
                    if (!_builder.AddAllocSample(address, bucket))
                        throw _input.Error($"the alloc sample of 0x{address:x} names bucket 0x{bucket:x}, which no memprof record defined",
                            at);
                    break;
                default:
                    throw _input.Error($"unknown record tag {tag} (a go1.7 heap dump has tags 0-17)", at);
            }
        }
    }

    private void Checkpoint()
    {
        _cancel.ThrowIfCancellationRequested();
        _nextCheck = _input.Position + (1 << 20);
        if (_progress is not null && _input.Position >= _nextReport)
        {
            _progress.Report(new LoadProgress("reading heap dump", _input.Position, _input.Length, 0));
            _nextReport = _input.Position + Math.Max(1, _input.Length / 20);
        }
    }

    private void ReadHeader()
    {
        if (_input.Length == 0) throw _input.Error("is empty, expected a heap dump (runtime/debug.WriteHeapDump)", 0);
        Span<byte> head = stackalloc byte[Header.Length];
        var n = (int)Math.Min(Header.Length, _input.Length);
        _input.Peek(n).CopyTo(head);
        if (n < Header.Length || !head.SequenceEqual(Header))
        {
            var shown = System.Text.Encoding.ASCII.GetString(head[..n]).Replace("\n", "\\n");
            throw _input.Error(head[..n].StartsWith("go1."u8) && head[..n].EndsWith(" heap dump\n"u8)
                ? $"heap dump format \"{shown}\" is not supported: only \"go1.7 heap dump\" (Go 1.7 and later) is read"
                : $"not a Go heap dump: expected the header \"go1.7 heap dump\\n\" written by runtime/debug.WriteHeapDump", 0);
        }
        _input.Skip(Header.Length);
    }

    private void ReadParams(long at)
    {
        var bigEndian = _input.ReadBool();
        var pointerAt = _input.Position;
        var pointerSize = _input.ReadUvarint();
        if (pointerSize is not (4 or 8)) throw _input.Error($"pointer size {pointerSize} is neither 4 nor 8", pointerAt);
        var arenaStart = _input.ReadUvarint();
        var arenaEnd = _input.ReadUvarint();
        var arch = _input.ReadString();
        var version = _input.ReadString();
        var cpus = _input.ReadUvarint();
        if (_builder.Parameters is not null) throw _input.Error("a second params record", at);
        _pointerSize = (int)pointerSize;
        _bigEndian = bigEndian;
        _builder.SetParameters(new DumpParameters(bigEndian, (int)pointerSize, arenaStart, arenaEnd, arch, version, (int)Math.Min(cpus,
            int.MaxValue)));
    }

    private void RequireParams(long at, string what)
    {
        if (_pointerSize == 0) throw _input.Error($"{what} before the params record (the pointer size is not known yet)", at);
    }

    private void ReadObject(long at)
    {
        RequireParams(at, "an object");
        var address = _input.ReadUvarint();
        var (offset, length) = _input.ReadRange("an object");
        if (length < _pointerSize || length > uint.MaxValue)
            throw _input.Error($"the object at 0x{address:x} has {length:N0} bytes: a heap object has between {_pointerSize} bytes and "
                + $"4 GiB", at);
        if (address == 0 || address + (ulong)length < address)
            throw _input.Error($"an object at address 0x{address:x} of {length:N0} bytes cannot exist", at);
        ReadFields(offset, length);
        _builder.AddObject(address, (uint)length, _fieldValues.Span);
        if (_builder.RawPointerCount > int.MaxValue - 1) throw _input.Error("the dump has more than 2^31 pointers between objects", at);
    }

    private void ReadGoroutine(long at)
    {
        var address = _input.ReadUvarint();
        _input.ReadUvarint(); // sp
        var id = _input.ReadUvarint();
        _input.ReadUvarint(); // gopc: where it was created
        var status = _input.ReadUvarint();
        var system = _input.ReadBool();
        _input.ReadBool(); // isbackground, always false
        var waitSince = _input.ReadUvarint();
        var waitReason = _input.ReadString();
        var context = _input.ReadUvarint();
        _input.ReadUvarint(); // m
        _input.ReadUvarint(); // first defer
        _input.ReadUvarint(); // first panic
        if (id > long.MaxValue) throw _input.Error($"goroutine id {id} is out of range", at);
        _builder.StartGoroutine((long)id, address, (GoroutineStatus)(int)Math.Min(status, int.MaxValue), system, waitReason, waitSince,
            context);
    }

    private void ReadFrame(long at)
    {
        RequireParams(at, "a stack frame");
        if (!_builder.InGoroutine) throw _input.Error("a stack frame outside any goroutine", at);
        var sp = _input.ReadUvarint();
        _input.ReadUvarint(); // depth
        _input.ReadUvarint(); // child sp
        var (offset, length) = _input.ReadRange("a stack frame");
        _input.ReadUvarint(); // entry pc
        _input.ReadUvarint(); // pc
        _input.ReadUvarint(); // continuation pc
        var name = _input.ReadString();
        ReadFields(offset, length, keepPinned: true, DumpRecordTag.StackFrame);
        _builder.AddFrame(name, sp, _input.Pinned(offset, length), _fieldValues.Span, _pointerSize, _bigEndian);
        _input.Unpin();
    }

    private void ReadSegment(long at, string segment)
    {
        RequireParams(at, $"the {segment} segment");
        var address = _input.ReadUvarint();
        var (offset, length) = _input.ReadRange($"the {segment} segment");
        ReadFields(offset, length, record: segment == "data" ? DumpRecordTag.Data : DumpRecordTag.Bss);
        _builder.EndGoroutine();
        var recorded = new DumpSegment(segment, address, (ulong)length);
        if ((segment == "data" ? _builder.Data : _builder.Bss) is not null) throw _input.Error($"a second {segment} segment record", at);
        if (segment == "data") _builder.Data = recorded;
        else _builder.Bss = recorded;
        _builder.AddGlobalWords(segment, address, _fieldOffsets.Span, _fieldValues.Span);
    }

    private void ReadBucket()
    {
        var bucket = _input.ReadUvarint();
        _input.ReadUvarint(); // size
        var depthAt = _input.Position;
        // A frame takes at least three bytes, which bounds the depth by what is left of the file.
        var depth = _input.ReadLength("a stack depth", _input.Remaining / 3);
        var stack = new StackFrameLine[depth];
        for (var i = 0; i < depth; i++)
        {
            var function = _input.ReadString();
            var file = _input.ReadString();
            var line = _input.ReadUvarint();
            stack[i] = new StackFrameLine(function, file, (long)Math.Min(line, long.MaxValue));
        }
        _input.ReadUvarint(); // allocs
        _input.ReadUvarint(); // frees
        _ = depthAt;
        _builder.AddBucket(bucket, stack);
    }

    /// <summary>Reads a field list and the pointer words it names from the contents just read.</summary>
    private void ReadFields(long offset, long length, bool keepPinned = false, DumpRecordTag record = DumpRecordTag.Object)
    {
        _fieldOffsets.Truncate(0);
        _fieldValues.Truncate(0);
        while (true)
        {
            var at = _input.Position;
            var kind = _input.ReadUvarint();
            if (kind == FieldKindEol) break;
            var fieldAt = _input.Position;
            var field = _input.ReadUvarint();
            switch (kind)
            {
                case FieldKindPtr:
                    AddField(field, length, fieldAt);
                    break;
                case FieldKindIface:
                case FieldKindEface:
                    // Dumps before Go 1.5 marked interfaces: a type (or itab) word, then the data word.
                    AddField(field, length, fieldAt);
                    AddField(field + (ulong)_pointerSize, length, fieldAt);
                    break;
                default:
                    throw _input.Error($"unknown field kind {kind} (expected 0 = end, 1 = pointer)", at);
            }
        }
        var pinned = _input.Pinned(offset, length);
        var offsets = _fieldOffsets.Span;
        var values = _fieldValues.AppendSpan(offsets.Length);
        if (!pinned.IsEmpty || length == 0)
        {
            for (var i = 0; i < offsets.Length; i++) values[i] = Word(pinned.Slice((int)offsets[i], _pointerSize));
        }
        else
        {
            Span<byte> word = stackalloc byte[8];
            for (var i = 0; i < offsets.Length; i++)
            {
                _input.ReadAt(offset + offsets[i], word[.._pointerSize]);
                values[i] = Word(word[.._pointerSize]);
            }
        }
        _fieldValues.Advance(offsets.Length);
        OnContents?.Invoke(record, offset, length, offsets, _pointerSize);
        if (!keepPinned) _input.Unpin();
    }

    private void AddField(ulong field, long length, long at)
    {
        if (field > (ulong)length || (ulong)length - field < (ulong)_pointerSize)
            throw _input.Error($"a pointer field at offset {field:N0} lies outside its {length:N0} bytes", at);
        _fieldOffsets.Add((long)field);
    }

    private ulong Word(ReadOnlySpan<byte> bytes) => _pointerSize == 8
        ? (_bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes))
        : (_bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes));
}

using System.Buffers.Binary;
using GoMemLab.HeapDumps.Model;
using GoMemLab.Profiles;

namespace GoMemLab.HeapDumps.Reading;

/// <summary>
/// Collects what <see cref="HeapDumpReader"/> decodes and, at the end, resolves every pointer to an object index:
/// objects arrive before the roots that point at them but may point at objects listed later, so pointers are kept raw
/// (in chunks that are released as they are resolved) until all objects are known.
/// </summary>
internal sealed class HeapDumpBuilder
{
    private readonly ChunkedBuffer<ulong> _start = new();
    private readonly ChunkedBuffer<uint> _size = new();
    private readonly ChunkedBuffer<int> _firstRaw = new();
    private readonly ChunkedBuffer<ulong> _raw = new();
    private HeapObjects? _objects;
    private int[]? _objectSite;
    private long _unresolvedSamples;
    private ulong _heapLow, _heapHigh = ulong.MaxValue;

    private readonly List<Goroutine> _goroutines = [];
    private readonly List<string> _frames = [];
    private long _goroutineId = -1;
    private ulong _goroutineAddress;
    private GoroutineStatus _goroutineStatus;
    private bool _goroutineSystem;
    private string _goroutineWaitReason = "";
    private ulong _goroutineWaitSince;
    private readonly List<(int Goroutine, int Target, int Via)> _stackPointers = [];
    private readonly List<(string Segment, ulong Base, ulong Offset, int Target)> _globalWords = [];
    private readonly List<(ulong Object, ulong Closure, ulong Pc, bool Queued)> _finalizers = [];
    private readonly List<(string Description, ulong Value)> _otherRoots = [];
    private readonly List<string> _vias = ["word", "object fields", "finalizer closure", "closure context", "defer record", "panic value",
        "object"];
    private readonly Dictionary<string, int> _viaIndex = [];

    private readonly Dictionary<ulong, int> _bucketSite = [];
    private readonly Dictionary<string, int> _siteIndex = [];
    private readonly List<AllocationSite> _sites = [];

    public HeapDumpBuilder()
    {
        _firstRaw.Add(0);
        for (var i = 0; i < _vias.Count; i++) _viaIndex[_vias[i]] = i;
    }

    /// <summary>When set, nothing is kept (redaction only needs the reader's validation and field offsets).</summary>
    public bool Discard { get; init; }

    public DumpParameters? Parameters { get; private set; }
    public DumpMemStats? MemStats { get; set; }
    public Dictionary<ulong, (string Name, ulong Size)> Types { get; } = [];
    public int ItabCount { get; set; }
    public DumpSegment? Data { get; set; }
    public DumpSegment? Bss { get; set; }
    public int ThreadCount { get; set; }
    public int ObjectCount => (int)_start.Count;

    /// <summary>True once the objects are indexed: the dump lists every object before the first root.</summary>
    public bool ObjectsFinished => _objects is not null;
    public long RawPointerCount => _raw.Count;

    public void SetParameters(DumpParameters parameters)
    {
        Parameters = parameters;
        // Pointers outside the arenas cannot reach a heap object: drop them now rather than store them.
        if (parameters.ArenaEnd > parameters.ArenaStart)
        {
            _heapLow = parameters.ArenaStart;
            _heapHigh = parameters.ArenaEnd;
        }
    }

    private bool MayBeHeap(ulong value) => value != 0 && value >= _heapLow && value < _heapHigh;

    public void AddObject(ulong address, uint size, ReadOnlySpan<ulong> pointers)
    {
        if (_objects is not null) throw new InvalidOperationException("objects are finished");
        if (Discard) return;
        _start.Add(address);
        _size.Add(size);
        foreach (var p in pointers)
            if (MayBeHeap(p)) _raw.Add(p);
        _firstRaw.Add(checked((int)_raw.Count));
    }

    public void StartGoroutine(long id, ulong address, GoroutineStatus status, bool system, string waitReason, ulong waitSince,
        ulong context)
    {
        EndGoroutine();
        _goroutineId = id;
        _goroutineAddress = address;
        _goroutineStatus = status;
        _goroutineSystem = system;
        _goroutineWaitReason = waitReason;
        _goroutineWaitSince = waitSince;
        AddStackPointer(context, 3);
    }

    private int CurrentGoroutine => _goroutines.Count;

    public bool InGoroutine => _goroutineId >= 0;

    /// <summary>
    /// A stack frame of the current goroutine: its pointer fields are roots. A field that points into the goroutine's
    /// own stack (an address-taken variable: a value being sent on a channel, a struct passed by pointer) reaches a stack
    /// object the dump gives no layout for; the GC scans it by its type. Here the words from that address to the end of
    /// its frame are read as possible pointers, when that frame comes (callers follow callees in the dump).
    /// </summary>
    public void AddFrame(string function, ulong sp, ReadOnlySpan<byte> contents, ReadOnlySpan<ulong> pointers, int pointerSize,
        bool bigEndian)
    {
        _frames.Add(function);
        var via = Via(function);
        foreach (var p in pointers)
        {
            if (Find(p) >= 0) AddStackPointer(p, via);
            else if (MayBeHeap(p) && p >= sp) _intoStack.Add(p);
        }
        if (contents.IsEmpty || _intoStack.Count == 0) return;
        var end = sp + (ulong)contents.Length;
        var scannedFrom = end;
        var addressTaken = Via(function + " (address-taken variable)");
        for (var i = 0; i < _intoStack.Count; i++)
        {
            var target = _intoStack[i];
            if (target < sp || target >= end) continue;
            _intoStack[i--] = _intoStack[^1];
            _intoStack.RemoveAt(_intoStack.Count - 1);
            var from = target - (target - sp) % (ulong)pointerSize;
            if (from >= scannedFrom) continue;
            for (var at = from; at + (ulong)pointerSize <= scannedFrom; at += (ulong)pointerSize)
            {
                var bytes = contents.Slice((int)(at - sp), pointerSize);
                var value = pointerSize == 8
                    ? (bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes))
                    : (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes));
                if (Find(value) >= 0) AddStackPointer(value, addressTaken);
                else if (MayBeHeap(value) && value >= sp && (value < from || value >= scannedFrom)) _intoStack.Add(value);
            }
            scannedFrom = from;
            i = -1; // a word just read may point back into this frame,
        }
    }

    private readonly List<ulong> _intoStack = [];

    /// <summary>A defer record of the current goroutine: the record itself (when on the heap), its closure and its link.</summary>
    public void AddDefer(ulong record, ulong closure, ulong link)
    {
        AddStackPointer(record, 4);
        AddStackPointer(closure, 4);
        AddStackPointer(link, 4);
    }

    public void AddPanic(ulong data) => AddStackPointer(data, 5);

    private void AddStackPointer(ulong value, int via)
    {
        if (_goroutineId >= 0 && Find(value) is var target and >= 0) _stackPointers.Add((CurrentGoroutine, target, via));
    }

    private int Find(ulong value) => !Discard && MayBeHeap(value) ? Objects.Find(value) : -1;

    private HeapObjects Objects => _objects ?? throw new InvalidOperationException("roots before the objects are finished");

    private int Via(string name)
    {
        if (!_viaIndex.TryGetValue(name, out var index))
        {
            index = _vias.Count;
            _vias.Add(name);
            _viaIndex[name] = index;
        }
        return index;
    }

    public void EndGoroutine()
    {
        _intoStack.Clear();
        if (_goroutineId < 0) return;
        _goroutines.Add(new Goroutine(_goroutineId, _goroutineAddress, _goroutineStatus, _goroutineSystem, _goroutineWaitReason,
            _goroutineWaitSince, _frames.ToArray()));
        _frames.Clear();
        _goroutineId = -1;
    }

    public void AddGlobalWords(string segment, ulong segmentBase, ReadOnlySpan<long> offsets, ReadOnlySpan<ulong> values)
    {
        for (var i = 0; i < values.Length; i++)
            if (Find(values[i]) is var target and >= 0) _globalWords.Add((segment, segmentBase, (ulong)offsets[i], target));
    }

    public void AddFinalizer(ulong obj, ulong closure, ulong pc, bool queued) => _finalizers.Add((obj, closure, pc, queued));

    public void AddOtherRoot(string description, ulong value) => _otherRoots.Add((description, value));

    public void AddBucket(ulong bucket, IReadOnlyList<StackFrameLine> stack)
    {
        var top = 0;
        while (top < stack.Count && stack[top].Function.StartsWith("runtime.", StringComparison.Ordinal)) top++;
        if (top == stack.Count) top = 0;
        var frame = stack.Count > 0 ? stack[top] : new StackFrameLine("?", "?", 0);
        var site = $"{frame.File}:{frame.Line}";
        if (!_siteIndex.TryGetValue(site, out var index))
        {
            index = _sites.Count;
            _sites.Add(new AllocationSite(site, frame.Function, stack, LineMayBeNext: top == 0 && stack.Count > 0));
            _siteIndex[site] = index;
        }
        _bucketSite[bucket] = index;
    }

    public bool AddAllocSample(ulong address, ulong bucket)
    {
        if (!_bucketSite.TryGetValue(bucket, out var site)) return false;
        var obj = Find(address);
        if (obj < 0 || Objects.Address(obj) != address)
        {
            _unresolvedSamples++;
            return true;
        }
        if (_objectSite is null)
        {
            _objectSite = new int[Objects.Count];
            Array.Fill(_objectSite, -1);
        }
        _objectSite[obj] = site;
        return true;
    }

    /// <summary>
    /// Indexes the objects and resolves their pointers; called at the first record after them (goroutines, roots and
    /// samples then resolve as they are read, and the raw pointers are released early). Throws
    /// <see cref="HeapDumpLayoutException"/> for overlapping objects.
    /// </summary>
    public void FinishObjects(CancellationToken cancel)
    {
        if (_objects is not null) return;
        var starts = _start.DrainToArray();
        var sizes = _size.DrainToArray();
        var index = ObjectAddressIndex.Build(starts, sizes);
        cancel.ThrowIfCancellationRequested();
        var firsts = _firstRaw.DrainToArray();
        var edges = ResolveEdges(index, firsts, starts.Length);
        _objects = new HeapObjects(starts, sizes, firsts, edges, index);
        // The raw pointers (8 bytes each) are gone: let the roots and analyses reuse their memory.
        if (starts.Length >= 1 << 20) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Resolves every pointer and returns the finished model (throws <see cref="HeapDumpLayoutException"/> for overlapping
    /// objects).</summary>
    public (HeapObjects Objects, HeapRootTable Roots, IReadOnlyList<Goroutine> Goroutines, IReadOnlyList<AllocationSite> Sites,
        int[]? ObjectSite, long UnresolvedSamples)
        Build(CancellationToken cancel)
    {
        EndGoroutine();
        FinishObjects(cancel);
        var roots = BuildRoots(Objects);
        return (Objects, roots, _goroutines, _sites, _objectSite, _unresolvedSamples);
    }

    // Rewrites firsts (raw offsets) in place into offsets of the resolved edges: a resolved offset never exceeds the raw one.
    private int[] ResolveEdges(ObjectAddressIndex index, int[] firsts, int n)
    {
        var resolved = new ChunkedBuffer<int>();
        var obj = 0;
        long j = 0;
        var nextBoundary = n > 0 ? firsts[1] : int.MaxValue;
        _raw.Drain(chunk =>
        {
            foreach (var value in chunk)
            {
                while (j == nextBoundary)
                {
                    obj++;
                    firsts[obj] = (int)resolved.Count;
                    nextBoundary = firsts[obj + 1];
                }
                var target = index.Find(value);
                if (target >= 0 && target != obj) resolved.Add(target);
                j++;
            }
        });
        while (obj < n)
        {
            obj++;
            firsts[obj] = (int)resolved.Count;
        }
        return resolved.DrainToArray();
    }

    private HeapRootTable BuildRoots(HeapObjects objects)
    {
        var roots = new List<HeapRoot>();
        var first = new List<int> { 0 };
        var targets = new List<int>();
        var via = new List<int>();
        void Target(int obj, int v)
        {
            if (obj < 0) return;
            targets.Add(obj);
            via.Add(v);
        }
        void Close(HeapRoot root)
        {
            if (targets.Count == first[^1]) return;
            roots.Add(root);
            first.Add(targets.Count);
        }

        foreach (var (segment, segmentBase, offset, target) in _globalWords)
        {
            Target(target, 0);
            Close(new HeapRoot(RootKind.Global, $"{segment}+0x{offset:x}", segmentBase + offset)
            {
                Segment = segment,
                SegmentOffset = offset,
            });
        }
        var p = 0;
        for (var g = 0; g < _goroutines.Count; g++)
        {
            var start = targets.Count;
            for (; p < _stackPointers.Count && _stackPointers[p].Goroutine == g; p++)
                Target(_stackPointers[p].Target, _stackPointers[p].Via);
            var goroutine = _goroutines[g];
            // Several frames may hold the same object: one reference is enough for the graph.
            Dedupe(targets, via, start);
            Close(new HeapRoot(RootKind.Goroutine, $"goroutine {goroutine.Id} {goroutine.EntryFunction}",
                goroutine.Address)
            { GoroutineId = goroutine.Id });
        }
        foreach (var (obj, closure, pc, queued) in _finalizers)
        {
            var start = targets.Count;
            var o = objects.Find(obj);
            // The GC marks what a finalized object points to, not the object (runtime markrootSpans); a queued
            // finalizer's record holds the object itself (runtime finq).
            if (queued) Target(o, 6);
            else if (o >= 0)
                foreach (var child in objects.References(o)) Target(child, 1);
            Target(objects.Find(closure), 2);
            Dedupe(targets, via, start);
            var name = $"{(queued ? "queued finalizer" : "finalizer")} on 0x{obj:x} (0x{pc:x})";
            Close(new HeapRoot(RootKind.Finalizer, name, obj) { FunctionPc = pc, Queued = queued });
        }
        foreach (var (description, value) in _otherRoots)
        {
            Target(objects.Find(value), 6);
            Close(new HeapRoot(RootKind.Other, description, value));
        }
        return new HeapRootTable(roots, first.ToArray(), targets.ToArray(), via.ToArray(), _vias.ToArray());
    }

    private static void Dedupe(List<int> targets, List<int> via, int start)
    {
        if (targets.Count - start < 2) return;
        var seen = new HashSet<int>();
        var write = start;
        for (var i = start; i < targets.Count; i++)
        {
            if (!seen.Add(targets[i])) continue;
            targets[write] = targets[i];
            via[write] = via[i];
            write++;
        }
        targets.RemoveRange(write, targets.Count - write);
        via.RemoveRange(write, via.Count - write);
    }

}

using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Reading;
using GoMemLab.Inputs;
using GoMemLab.Profiles;

namespace GoMemLab.HeapDumps;

/// <summary>
/// A Go heap dump (<c>runtime/debug.WriteHeapDump</c>) loaded for the question "who keeps it alive": the objects and
/// the references between them as columns, the GC roots (globals, goroutines, finalizers), the allocation sites of
/// sampled objects, the runtime's MemStats and params. Analyses are methods (<see cref="Info"/>,
/// <see cref="RootRetention"/>, <see cref="SiteRetention"/>, <see cref="PathTo(ulong)"/>, <see cref="LeakSuspects"/>…),
/// computed once on first use. WriteHeapDump runs no GC, so the dump holds garbage: every analysis separates what the
/// roots reach from the rest.
/// </summary>
public sealed partial class HeapDump
{
    private HeapDump(string source, DumpParameters parameters, DumpMemStats? memStats, HeapObjects objects, HeapRootTable roots,
        IReadOnlyList<Goroutine> goroutines, IReadOnlyList<AllocationSite> sites, int[]? objectSite, long unresolvedSamples,
        IReadOnlyDictionary<ulong, (string Name, ulong Size)> types, int threads)
    {
        Source = source;
        Parameters = parameters;
        MemStats = memStats;
        Objects = objects;
        Roots = roots;
        Goroutines = goroutines;
        Sites = sites;
        _objectSite = objectSite;
        UnresolvedSamples = unresolvedSamples;
        Types = types;
        ThreadCount = threads;
    }

    private readonly int[]? _objectSite;

    /// <summary>The file or URL the dump came from, as given.</summary>
    public string Source { get; }

    /// <summary>Pointer size, byte order, heap arena range, GOARCH, Go version and CPU count of the program.</summary>
    public DumpParameters Parameters { get; }

    /// <summary>The runtime's MemStats at the dump (before it; it runs no GC); null when the record is missing.</summary>
    public DumpMemStats? MemStats { get; }

    /// <summary>Every object of the heap, reachable or not.</summary>
    public HeapObjects Objects { get; }

    /// <summary>The GC roots that reference at least one heap object.</summary>
    public HeapRootTable Roots { get; }

    /// <summary>Every goroutine the dump lists (all but dead ones), with its frames.</summary>
    public IReadOnlyList<Goroutine> Goroutines { get; }

    /// <summary>The allocation sites of the memprof buckets (file:line of the first non-runtime frame).</summary>
    public IReadOnlyList<AllocationSite> Sites { get; }

    /// <summary>Alloc samples whose address is not the start of an object in the dump (0 for a dump written by Go).</summary>
    public long UnresolvedSamples { get; }

    /// <summary>The type records (address → name and size): the runtime writes those of itabs, not of objects.</summary>
    public IReadOnlyDictionary<ulong, (string Name, ulong Size)> Types { get; }

    /// <summary>Number of OS threads (Ms) recorded.</summary>
    public int ThreadCount { get; }

    /// <summary>The site index of object <paramref name="index"/> in <see cref="Sites"/>, or -1 when it was not sampled.</summary>
    public int SiteOf(int index) => _objectSite is null ? -1 : _objectSite[index];

    /// <summary>
    /// Reads the heap dump at <paramref name="path"/> (a gzipped dump is decompressed to a temporary file first). Throws <see
    /// cref="InputFormatException"/> naming the file and the
    /// byte offset for anything that is not a complete go1.7 heap dump; a cancel stops within about a megabyte.
    /// </summary>
    public static HeapDump Load(string path, CancellationToken cancel = default) => Load(path, null, cancel);

    /// <summary>As <see cref="Load(string, CancellationToken)"/>, reporting progress about every 5% of the file.</summary>
    public static HeapDump Load(string path, IProgress<LoadProgress>? progress, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        if (HeapDumpGzip.IsGzip(path)) return HeapDumpGzip.Load(path, temp => Load(temp, progress, cancel), cancel);
        try
        {
            using var input = new DumpInput(path);
            var builder = new HeapDumpBuilder();
            try
            {
                new HeapDumpReader(input, builder, progress, cancel).Read();
                if (builder.Parameters is null)
                    throw new InputFormatException(path, "has no params record (pointer size, Go version)", input.Length);
                var (objects, roots, goroutines, sites, objectSite, unresolved) = builder.Build(cancel);
                return new HeapDump(path, builder.Parameters, builder.MemStats, objects, roots, goroutines, sites, objectSite, unresolved,
                    builder.Types, builder.ThreadCount)
                { DataSegment = builder.Data, BssSegment = builder.Bss };
            }
            catch (HeapDumpLayoutException e)
            {
                throw new InputFormatException(path, e.Message, OffsetOfObject(path, e.ObjectIndex));
            }
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new InputFormatException(path, $"cannot be read: {e.Message}", inner: e);
        }
    }

    /// <summary>Loads a file, or downloads an http(s) URL to a temporary file first (removed afterwards), off the caller's
    /// thread.</summary>
    public static Task<HeapDump> LoadAsync(string pathOrUrl, CancellationToken cancel = default) => LoadAsync(pathOrUrl, null, cancel);

    /// <summary>As <see cref="LoadAsync(string, CancellationToken)"/>, with progress.</summary>
    public static async Task<HeapDump> LoadAsync(string pathOrUrl, IProgress<LoadProgress>? progress, CancellationToken cancel = default)
    {
        if (!HttpInput.IsUrl(pathOrUrl)) return await Task.Run(() => Load(pathOrUrl, progress, cancel), cancel).ConfigureAwait(false);
        var temp = await HeapDumpDownload.ToTempFileAsync(pathOrUrl, cancel).ConfigureAwait(false);
        try
        {
            var dump = await Task.Run(() => Load(temp, progress, cancel), cancel).ConfigureAwait(false);
            return dump.WithSource(pathOrUrl);
        }
        catch (InputFormatException e) when (e.File == temp)
        {
            throw new InputFormatException(pathOrUrl, e.Problem, e.Offset, e.Line, e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Saves the dump served at <paramref name="url"/> (a <c>/debug/heapdump</c> handler) to <paramref name="file"/>, a new
    /// file (never replaced), streaming it to disk; returns <paramref name="file"/>. Throws <see cref="InputFormatException"/>
    /// when the file exists, the server does not answer or answers with an error, or the body passes the input limit.
    /// </summary>
    public static Task<string> DownloadAsync(string url, string file, CancellationToken cancel = default) =>
        HeapDumpDownload.ToFileAsync(url, file, cancel);

    internal HeapDump WithSource(string source) =>
        new(source, Parameters, MemStats, Objects, Roots, Goroutines, Sites, _objectSite, UnresolvedSamples, Types, ThreadCount)
        {
            DataSegment = DataSegment,
            BssSegment = BssSegment,
        };

    // The error path only: read again up to the object to name its record's offset.
    private static long? OffsetOfObject(string path, int index)
    {
        using var input = new DumpInput(path);
        var reader = new HeapDumpReader(input, new HeapDumpBuilder(), null, default) { StopAtObject = index };
        reader.Read();
        return reader.StoppedAt >= 0 ? reader.StoppedAt : null;
    }
}

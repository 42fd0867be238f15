using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The rules of the reader on heapdump-tiny.dump (make-heapdump-inputs.py), whose every pointer is known: an interior
/// pointer resolves to its object, a registered finalizer keeps what its object points to but not the object (as the
/// GC's markrootSpans does), all frames of a goroutine are one root named after the frame below runtime.goexit, and
/// alloc samples give sites. Real dumps are checked against the runtime in <see cref="RetentionMeasuredTests"/>.
/// </summary>
public sealed class TinyDumpTests
{
    private const ulong Heap = 0xC000000000;
    private static readonly HeapDump Dump = HeapDump.Load(Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs",
        "heapdump-tiny.dump"));

    [Fact]
    public void Objects_interior_pointers_and_free_slots_resolve_as_the_runtime_would()
    {
        Assert.Equal(4, Dump.Objects.Count);
        Assert.Equal(0, Dump.Objects.Find(Heap + 31));
        Assert.Equal(1, Dump.Objects.Find(Heap + 0x20));
        Assert.Equal(3, Dump.Objects.Find(Heap + 0x2000 + 63));
        Assert.Equal(-1, Dump.Objects.Find(Heap + 0x60)); // a free slot after c
        Assert.Equal(-1, Dump.Objects.Find(Heap + 0x2000 + 64));
        // a → b and a → d (through the interior pointer d+16)
        Assert.Equal([1, 3], Dump.Objects.References(0).ToArray());
    }

    [Fact]
    public void A_goroutine_is_one_root_named_by_its_entry_below_goexit()
    {
        var goroutine = Assert.Single(Dump.Goroutines);
        Assert.Equal("main.main", goroutine.EntryFunction);
        Assert.Equal(GoroutineStatus.Waiting, goroutine.Status);
        Assert.Equal("chan receive", goroutine.WaitReason);
        var roots = Dump.RootRetention().Rows;
        var root = roots.Single(r => r.Kind == RootKind.Goroutine);
        Assert.Equal("goroutine 1 main.main", root.Root);
        // It holds a, and through a alone b (b's finalizer keeps b's children, not b); c and d have other roots too.
        Assert.Equal(64, root.RetainedBytes);
        Assert.Equal(2, root.RetainedObjects);
        Assert.Equal(64, Dump.RetainedByGoroutine(1));
    }

    [Fact]
    public void A_finalizer_keeps_what_its_object_points_to_but_not_the_object()
    {
        var root = Dump.Roots.Roots.Single(r => r.Kind == RootKind.Finalizer);
        Assert.Equal("finalizer on 0xc000000020 (0x403000)", root.Name);
        var index = Dump.Roots.Roots.ToList().IndexOf(root);
        Assert.Equal([2], Dump.Roots.Targets(index).ToArray()); // c, not b
    }

    [Fact]
    public void Globals_are_named_by_segment_offset_without_a_binary()
    {
        var names = Dump.Roots.Roots.Where(r => r.Kind == RootKind.Global).Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["bss+0x0", "data+0x0"], names);
    }

    [Fact]
    public void Info_counts_everything_as_reachable_and_sites_come_from_alloc_samples()
    {
        var info = Dump.Info();
        Assert.Equal((4, 160L, 4L, 160L, 0L, 4), (info.Objects, info.Bytes, info.ReachableObjects, info.ReachableBytes,
            info.GarbageObjects, info.Roots));
        Assert.Equal(("go1.19.8", 8, "amd64"), (info.GoVersion, info.PointerSize, info.Architecture));
        var site = Assert.Single(Dump.SiteRetention().Rows);
        // The first frame (main.alloc) is not the runtime's, so it is the site.
        Assert.Equal(("example.com/tiny/main.go:7", "main.alloc", 2L, 64L), (site.Site, site.Function, site.Objects, site.Bytes));
    }

    [Fact]
    public void A_path_runs_from_the_nearest_root_to_the_object()
    {
        // b only through a, which goroutine 1's frame holds; d one step from the data word (two through a).
        Assert.Equal([("goroutine 1 main.main", "goroutine"), ("0xc000000000", "object"), ("0xc000000020", "object")],
            Dump.PathTo(Heap + 0x20 + 8).Rows.Select(r => (r.Node, r.Kind)));
        Assert.Equal(["data+0x0", "0xc000002000"], Dump.PathTo(Heap + 0x2000).Rows.Select(r => r.Node));
        Assert.Equal("main.main", Dump.PathTo(Heap + 0x20).Rows[1].Via);
    }
}

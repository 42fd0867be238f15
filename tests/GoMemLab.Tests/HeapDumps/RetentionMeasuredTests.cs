using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The analysis of a real dump against what the Go runtime measured in the same process right after writing it
/// (data/go/retention): each root's retained bytes equal the HeapAlloc drop when that root alone is removed; the
/// reachable bytes equal HeapAlloc after the GC that follows the dump; the dump's bytes equal its own MemStats
/// HeapAlloc, and the garbage is the difference. Exact, byte for byte: both sides count objects at their size class.
/// Both runs: MemProfileRate = 1 and Go's default (roots do not depend on sampling).
/// </summary>
public sealed class RetentionMeasuredTests(RetentionProgram program) : IClassFixture<RetentionProgram>
{
    public static TheoryData<string> Runs() => new("rate1", "default");

    private Run RunNamed(string name) => name == "rate1" ? program.Sampled : program.Default;

    private static long Retained(HeapDump dump, string rootName)
    {
        var row = dump.RootRetention().Rows.SingleOrDefault(r => r.Root == rootName);
        Assert.True(row is not null,
            $"no root named {rootName}; roots: {string.Join(", ", dump.RootRetention().Rows.Take(15).Select(r => r.Root))}");
        return row.RetainedBytes;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_global_root_retains_what_the_runtime_frees_when_it_is_dropped(string run)
    {
        var r = RunNamed(run);
        Assert.Equal(r.Drop("main.sessions"), Retained(r.Dump, "main.sessions"));
        Assert.Equal(r.Drop("main.chainHead"), Retained(r.Dump, "main.chainHead"));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_map_behind_a_mutex_is_the_root_main_cache_plus_8_and_retains_what_dropping_it_frees(string run)
    {
        var r = RunNamed(run);
        Assert.Equal(r.Drop("main.cache+0x8"), Retained(r.Dump, "main.cache+0x8"));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_goroutine_stack_is_one_root_that_retains_what_the_goroutine_frees_when_it_exits(string run)
    {
        var r = RunNamed(run);
        var holder = r.Dump.Goroutines.Single(g => g.Frames.Contains("main.hold"));
        // `go hold(a, b)` runs through a compiler-made wrapper in Go 1.19: the entry below goexit is main.main.func1.
        Assert.Equal("main.main.func1", holder.EntryFunction);
        var root = $"goroutine {holder.Id} main.main.func1";
        Assert.Equal(r.Drop("goroutine_main.hold"), Retained(r.Dump, root));
        Assert.Equal(r.Drop("goroutine_main.hold"), r.Dump.RetainedByGoroutine(holder.Id));
        Assert.Null(r.Dump.RetainedByGoroutine(999_999));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_goroutine_blocked_sending_its_buffer_retains_it_though_the_value_sits_in_an_address_taken_stack_slot(string run)
    {
        // The dump lists no pointer field for the value being sent (a stack object); the reader follows chansend's
        // pointer into the sender's frame, as the GC does, or the leaked buffer would read as garbage.
        var r = RunNamed(run);
        var sender = r.Dump.Goroutines.Single(g => g.Frames.Contains("main.send"));
        Assert.Equal("waiting", sender.Status.ToText());
        Assert.Equal(r.Drop("goroutine_main.send"), r.Dump.RetainedByGoroutine(sender.Id));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_static_composite_literal_lives_outside_the_heap_and_its_pointer_field_is_the_root(string run)
    {
        var r = RunNamed(run);
        // Setting main.static = nil frees nothing: the Node is in the data segment, not the heap.
        Assert.Equal(0, r.Drop("main.static"));
        Assert.DoesNotContain(r.Dump.RootRetention().Rows, row => row.Root == "main.static");
        // The Node's Payload field (offset 8) is a root of its own, retaining the payload.
        var payloadWord = (ulong)r.Value("static_node_address") + 8;
        var row = r.Dump.RootRetention().Rows.Single(row => row.Address == payloadWord);
        Assert.Equal(RootKind.Global, row.Kind);
        Assert.Equal(r.Drop("static_node_payload"), row.RetainedBytes);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Objects_two_roots_reach_are_retained_by_neither(string run)
    {
        var r = RunNamed(run);
        Assert.Equal(0, r.Drop("main.shared"));
        Assert.Equal(0, Retained(r.Dump, "main.shared"));
        Assert.Equal(0, Retained(r.Dump, "main.shared2"));
        // The chain itself hangs off the super-root: its head retains what dropping the second root then frees.
        var index = r.Dump.RootRetention().Rows.ToList().FindIndex(row => row.Root == "main.shared");
        var rootIndex = r.Dump.Roots.Roots.ToList().FindIndex(root => root.Name == "main.shared");
        Assert.True(index >= 0 && rootIndex >= 0);
        var head = r.Dump.Roots.Targets(rootIndex)[0];
        Assert.Equal(r.Drop("main.shared2_after_shared"), r.Dump.RetainedBytes(head));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Reachable_bytes_are_the_heap_after_the_next_GC_and_garbage_is_the_rest(string run)
    {
        var r = RunNamed(run);
        var info = r.Dump.Info();
        Assert.Equal(r.Value("heap_alloc_after_dump_gc"), info.ReachableBytes);
        Assert.Equal((long)r.Dump.MemStats!.HeapAlloc, info.Bytes);
        Assert.Equal((long)r.Dump.MemStats.HeapAlloc - r.Value("heap_alloc_after_dump_gc"), info.GarbageBytes);
        // The program dropped 500 buffers of 3,000 bytes just before the dump, after its last GC.
        Assert.True(info.GarbageObjects >= 500, $"{info.GarbageObjects} garbage objects");
    }

    // file:line of the first line of data/go/retention/main.go holding <paramref name="code"/> (as grep finds it).
    private static string Site(string code)
    {
        var lines = File.ReadAllLines(Tests.Support.RepoPaths.Data("go", "retention", "main.go"));
        return $"example.com/retention/main.go:{Array.FindIndex(lines, l => l.Contains(code, StringComparison.Ordinal)) + 1}";
    }

    [Fact]
    public void With_MemProfileRate_1_a_site_counts_every_object_allocated_there_at_its_size_class()
    {
        var r = program.Sampled;
        var sites = r.Dump.SiteRetention();
        var payload = sites.Rows.Single(s => s.Site == Site("sessions = append(sessions, &Session{"));
        Assert.Equal("main.main", payload.Function);
        // That line allocates each Session, its payload and (append's growslice, a runtime frame) the slice's backing
        // array: 200 + 200 + the one array still in use; together exactly what dropping main.sessions freed.
        Assert.Equal(200 * 2 + 1, payload.Objects);
        Assert.Equal(r.Drop("main.sessions"), payload.Bytes);
        Assert.True(payload.Bytes > 200 * (r.Value("size_of_session") + r.Value("size_of_session_payload")));
        Assert.Equal(payload.Bytes, payload.RetainedBytes);
        Assert.Equal(0, payload.GarbageObjects);
        // The 500 buffers dropped before the dump are garbage of their line (with append's arrays), at the size class
        // of 3,000 bytes: 3,072 (Go 1.19 src/runtime/sizeclasses.go, class 44).
        var garbage = sites.Rows.Single(s => s.Site == Site("garbage = append(garbage, make([]byte, garbageBytes))"));
        Assert.Equal(0, garbage.Objects);
        Assert.InRange(garbage.GarbageObjects, 501, 520);
        Assert.True(garbage.GarbageBytes > 500 * 3072, $"{garbage.GarbageBytes} garbage bytes");
    }

    [Fact]
    public void With_the_default_MemProfileRate_few_objects_have_a_site_and_the_report_says_how_many()
    {
        var info = program.Default.Dump.Info();
        Assert.InRange(info.SampledObjects, 0, info.Objects / 10);
        var sites = program.Default.Dump.SiteRetention();
        Assert.Equal(info.SampledObjects, sites.SampledObjects);
        Assert.Contains($"{info.SampledObjects:N0} of {info.Objects:N0} objects", sites.Coverage);
    }
}

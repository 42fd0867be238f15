using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The leaky service's three deliberate leaks (data/go/leaky, each line marked "deliberate leak"), found in its heap
/// dump with their holders and paths, and counted against the service's own counters (/debug/vars around the dump,
/// which the load had stopped changing): one cache entry per handled request, one session per 16th, one blocked
/// audit goroutine per timeout.
/// </summary>
public sealed class LeakyServiceTests(LeakyDump leaky) : IClassFixture<LeakyDump>
{
    private HeapDump Dump => leaky.Dump;

    // file:line of the first line of a leaky source file holding `code` (what grep -n says).
    private static string Line(string file, string code)
    {
        var lines = File.ReadAllLines(RepoPaths.Data("go", "leaky", file));
        var index = Array.FindIndex(lines, l => l.Contains(code, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{code} not in {file}");
        return $"example.com/leaky/{file}:{index + 1}";
    }

    [Fact]
    public void The_counters_did_not_move_while_the_dump_was_written()
    {
        Assert.Equal(leaky.Before, leaky.After);
        Assert.True(leaky.Before["audit_timeouts"] >= 2, "the run should have leaked a few audit goroutines");
    }

    [Fact]
    public void The_cache_keeps_one_body_and_one_entry_per_handled_request_held_through_the_expvar_closure()
    {
        var sites = Dump.SiteRetention().Rows;
        var bodies = sites.Single(s => s.Site == Line("internal/cache/cache.go", "kept := append([]byte(nil), body...)"));
        var entries = sites.Single(s => s.Site == Line("internal/cache/cache.go", "e := &entry{"));
        Assert.Equal(leaky.Before["cache_entries"], bodies.Objects);
        Assert.Equal(leaky.Before["cache_entries"], entries.Objects);
        Assert.Equal(0, bodies.GarbageObjects);

        // main.main no longer uses the service once the load stops; what keeps it is the expvar.Func closure that
        // newService published (it captures the service): the global expvar registry.
        var holder = Assert.Single(Dump.HoldersOf(bodies.Site).Rows);
        Assert.Equal("expvar.vars+0x10", holder.Root);
        Assert.Equal(RootKind.Global, holder.Kind);
        Assert.Equal(leaky.Before["cache_entries"], holder.Objects);
        var path = Dump.PathToSite(bodies.Site).Rows;
        Assert.Equal("expvar.vars+0x10", path[0].Node);
        Assert.Equal(bodies.Site, path[^1].Site);
        var closure = Line("cmd/leaky/service.go", "expvar.Publish(\"cache_entries\"");
        var buckets = Line("internal/cache/cache.go", "c.entries[id] = e");
        Assert.Contains(path, step => step.Site == closure);
        Assert.Contains(path, step => step.Site == buckets);
    }

    [Fact]
    public void The_registry_is_a_global_slice_of_one_session_per_16_requests()
    {
        var sessions = Dump.SiteRetention().Rows.Single(s => s.Site == Line("internal/registry/registry.go", "s := &Session{"));
        // The line also allocates the strings.Clone of the user name (inlined; tiny 16-byte blocks). A Session is
        // 8 + 16 + 8 + 64×8 = 544 bytes: count the objects of at least that size.
        var site = Dump.Sites.ToList().FindIndex(s => s.Site == sessions.Site);
        var big = Enumerable.Range(0,
            Dump.Objects.Count).Count(i => Dump.SiteOf(i) == site && Dump.IsReachable(i) && Dump.Objects.Size(i) >= 544);
        Assert.Equal(leaky.Before["sessions"], big);
        var holder = Assert.Single(Dump.HoldersOf(sessions.Site).Rows);
        Assert.Equal("example.com/leaky/internal/registry.sessions", holder.Root);
        var path = Dump.PathToSite(sessions.Site).Rows;
        Assert.Equal(["example.com/leaky/internal/registry.sessions", "object", "object"], [path[0].Node, path[1].Kind, path[2].Kind]);
        Assert.Equal(Line("internal/registry/registry.go", "sessions = append(sessions, s)"), path[1].Site);
    }

    [Fact]
    public void Each_timed_out_audit_left_a_goroutine_that_alone_keeps_its_32_KiB_scratch_buffer()
    {
        var leaked = Dump.Goroutines.Where(g => g.Frames.Contains("main.archive")).ToList();
        Assert.Equal(leaky.Before["audit_timeouts"], leaked.Count);
        foreach (var g in leaked)
        {
            Assert.Equal("chan send", g.WaitReason);
            Assert.True(Dump.RetainedByGoroutine(g.Id) >= 32 << 10, $"goroutine {g.Id} retains {Dump.RetainedByGoroutine(g.Id)}");
        }
        // The runtime names the line after `scratch := make(...)` for this buffer: it does not back up the first
        // frame's return PC (Go's heapdump.go dumpmemprof_callback: `if i > 0 && pc > f.entry() { pc-- }`).
        var scratch = Dump.SiteRetention().Rows.Single(s => s.Function == "main.archive" && s.Bytes >= 32 << 10);
        Assert.Equal(leaky.Before["audit_timeouts"], scratch.Objects);
        Assert.Equal(leaky.Before["audit_timeouts"] * (32 << 10), scratch.Bytes);
        var path = Dump.PathToSite(scratch.Site).Rows;
        Assert.Equal("goroutine", path[0].Kind);
        Assert.Equal("main.archive (address-taken variable)", path[1].Via);
    }

    [Fact]
    public void The_suspects_are_the_cache_root_and_the_group_of_leaked_audit_goroutines()
    {
        var suspects = Dump.LeakSuspects().Rows;
        var cache = suspects.Single(s => s.Suspect == "expvar.vars+0x10");
        Assert.Equal(Line("internal/cache/cache.go", "c.entries[id] = e").Split('/')[^1], cache.AccumulationSite.Split('/')[^1]);
        var audits = suspects.Single(s => s.Kind == "goroutine");
        Assert.Equal(leaky.Before["audit_timeouts"], audits.Instances);
        Assert.Equal($"{audits.Instances} goroutines running main.(*service).audit.func1", audits.Suspect);
    }

    [Fact]
    public void Between_a_dump_during_the_load_and_the_last_the_cache_root_grew_most_and_its_bodies_grew()
    {
        var early = HeapDump.Load(RepoPaths.Artifact("heapdump", "leaky-early.dump.gz"));
        early.NameRootsWith(leaky.Binary);
        var diff = HeapDumpDiff.Compare(early, Dump);
        Assert.Equal("expvar.vars+0x10", diff.Roots[0].Root);
        Assert.True(diff.Roots[0].DeltaBytes > 0);
        Assert.Equal(diff.Roots[0].RetainedBytesNew - diff.Roots[0].RetainedBytesOld, diff.Roots[0].DeltaBytes);
        var bodies = Line("internal/cache/cache.go", "kept := append([]byte(nil), body...)");
        var grown = diff.Sites.Single(s => s.Site == bodies);
        Assert.True(grown.DeltaBytes > 0);
        Assert.Equal(Dump.SiteRetention().Rows.Single(s => s.Site == bodies).RetainedBytes, grown.RetainedBytesNew);
        // Compared with itself, nothing changes.
        Assert.All(HeapDumpDiff.Compare(Dump, Dump).Roots, r => Assert.Equal(0, r.DeltaBytes));
    }

    [Fact]
    public void A_gzipped_dump_reads_as_the_dump_itself()
    {
        using var dir = new TempDirectory();
        var plain = dir.File("leaky.dump");
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(RepoPaths.Artifact("heapdump", "leaky.dump.gz")),
                   System.IO.Compression.CompressionMode.Decompress))
        using (var output = File.Create(plain))
            gz.CopyTo(output);
        var unzipped = HeapDump.Load(plain);
        Assert.Equal(Dump.Info(), unzipped.Info());
    }
}

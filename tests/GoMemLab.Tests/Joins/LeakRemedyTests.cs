using System.Net;
using GoMemLab.Joins;
using GoMemLab.Reports;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Joins;

/// <summary>
/// The report names the usual remedy for each leak suspect (issue 18, item 7). Ground truth: data/artifacts/MANIFEST.md's
/// "Deliberate leaks" table and the // deliberate leak: comments of data/go/leaky (a cache that never evicts, a global slice
/// of sessions that only grows, a goroutine blocked forever on a send).
/// </summary>
public class LeakRemedyTests
{
    private static IncidentReport Leaky(ISuspectHolders? holders = null) => IncidentReport.Build(new IncidentReportInputs
    {
        HeapProfiles = [.. Enumerable.Range(1, 4).Select(i => RepoPaths.Artifact("heap", $"leaky-heap-{i}.pb.gz"))],
        Escape = RepoPaths.Artifact("escape", "leaky-m2.txt"),
        Assembly = RepoPaths.Artifact("escape", "leaky-asm.txt"),
        Holders = holders,
    });

    [Theory]
    [InlineData("example.com/leaky/cmd/leaky/audit.go:35", LeakPattern.BlockedGoroutine)]   // "pinned by its goroutine, blocked forever"
    [InlineData("example.com/leaky/internal/cache/cache.go:32", LeakPattern.UnboundedMap)] // "body copy, never evicted"
    [InlineData("example.com/leaky/internal/cache/cache.go:33", LeakPattern.UnboundedMap)] // "entry, never evicted"
    [InlineData("example.com/leaky/internal/cache/cache.go:35", LeakPattern.UnboundedMap)] // "map buckets grow with every new id"
    [InlineData("example.com/leaky/internal/registry/registry.go:32", LeakPattern.GrowingSlice)] // "kept by a global" slice that only grows
    public void Each_deliberate_leak_gets_the_remedy_for_its_kind(string site, LeakPattern pattern)
    {
        var suspect = Assert.Single(Leaky().Suspects, s => s.Site.Site == site);
        Assert.Equal(pattern, LeakRemedy.For(suspect).Pattern);
    }

    [Fact]
    public void The_report_and_the_suspect_table_name_the_remedies()
    {
        var report = Leaky();
        var html = WebUtility.HtmlDecode(report.ToHtml());
        Assert.Contains("Looks like blocked-goroutine", html);
        Assert.Contains("close the channel when its reader goes away, select on ctx.Done()", html);
        Assert.Contains("evict entries (an LRU or a size cap) or expire them (a TTL)", html);
        Assert.Contains("Bound the slice: a fixed-size ring buffer", html);
        Assert.Contains("a heap dump (runtime/debug.WriteHeapDump) names the root and the path that keep it alive", html);
        var table = report.SuspectTable();
        Assert.Equal(["reason", "pattern", "remedy"], table.Columns.Skip(8).Select(c => c.Name));
        Assert.All(table.Columns["remedy"].Cast<string>(), r => Assert.False(string.IsNullOrWhiteSpace(r)));
    }

    [Fact]
    public void With_a_heap_dump_the_report_names_the_root_that_holds_each_suspect()
    {
        var html = WebUtility.HtmlDecode(Leaky(new FakeHolders()).ToHtml());
        Assert.Contains("<strong>Held by:</strong> <code>registry.sessions (from a test double)</code>", html);
        Assert.DoesNotContain("a heap dump (runtime/debug.WriteHeapDump) names the root", html);
    }

    // Stands in for the heap-dump reader, which implements ISuspectHolders over a real dump.
    private sealed class FakeHolders : ISuspectHolders
    {
        public string? HeldBy(SiteLeakSuspect suspect) => suspect.Site.Site.Contains("registry") ? "registry.sessions (from a test double)"
            : null;
    }
}

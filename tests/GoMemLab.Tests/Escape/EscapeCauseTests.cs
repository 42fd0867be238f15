using GoMemLab.Escape;

namespace GoMemLab.Tests.Escape;

// The catalogue data/go/leaky/escape names its case above each function ("returned pointer",
// "interface boxing", "closure capture", ...); the causes read from the real -m=2 flows must agree.
public class EscapeCauseTests
{
    [Theory]
    [InlineData("escape/pointer.go", "p", "returned-to-caller")]
    [InlineData("escape/pointer.go", "&Record{...}", "returned-to-caller")]
    [InlineData("escape/iface.go", "v", "converted-to-interface")]
    [InlineData("escape/iface.go", "id", "converted-to-interface")]
    [InlineData("escape/closure.go", "n", "captured-by-closure")]
    [InlineData("escape/global.go", "r", "stored-in-global-or-heap")]
    [InlineData("escape/size.go", "make([]byte, largeScratch)", "too-large-or-non-constant-size")]
    [InlineData("escape/size.go", "make([]byte, n)", "too-large-or-non-constant-size")]
    [InlineData("internal/registry/registry.go", "&Session{...}", "passed-to-leaking-parameter")] // append(sessions, s) (call parameter)
    [InlineData("internal/cache/cache.go", "make(map[uint64]*entry)", "stored-in-global-or-heap")] // (struct literal element)
    [InlineData("cmd/leaky/audit.go", "make([]byte, archiveScratch)", "stored-in-global-or-heap")] // receipts <- scratch (send)
    public void Catalogue_cases_get_the_cause_their_flow_shows(string file, string subject, string cause)
    {
        var log = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-m2.txt"));
        var d = Assert.Single(log.Diagnostics, d => d.File.EndsWith(file) && d.Subject == subject && d.Kind.IsHeapDecision());
        Assert.Equal(cause, log.CauseOf(d).ToText());
        Assert.Equal(log.CauseOf(d), log.Causes().Rows.Single(r => r.Decision == d).Cause);
    }

    [Fact]
    public void Without_flows_every_cause_is_unknown_and_the_summary_counts_every_heap_decision()
    {
        var m1 = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-m1.txt"));
        var summary = m1.Causes().Summary();
        var heap = m1.Diagnostics.Count(d => d.Kind.IsHeapDecision());
        Assert.Equal(heap, (long)summary.Columns["unknown"].Sum());
        Assert.Equal(heap, (long)summary.Columns["total"].Sum());
        var m2 = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-m2.txt"));
        Assert.Equal(0, (long)m2.Causes().Summary(EscapeGrouping.File).Columns["unknown"].Sum());
        Assert.Equal(0, m2.Causes().CountByCause()[EscapeCauseKind.Unknown]);
    }
}

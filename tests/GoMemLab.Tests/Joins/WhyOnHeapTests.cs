using System.Globalization;
using System.Text.RegularExpressions;
using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.Joins;
using GoMemLab.Profiles;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Joins;

public class WhyOnHeapTests
{
    private static readonly Lazy<IReadOnlyList<WhyOnHeapRow>> LeakyRows = new(() => WhyOnHeap.Join(
        Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")),
        EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-m2.txt")),
        AssemblyListing.Load(RepoPaths.Artifact("escape", "leaky-asm.txt")),
        includeUnsampled: true));

    /// <summary>The "Deliberate leaks" table of data/artifacts/MANIFEST.md: (function, file:line).</summary>
    private static List<(string Function, string File, int Line)> ManifestLeaks() =>
        File.ReadLines(RepoPaths.Artifact("MANIFEST.md"))
            .Select(l => Regex.Match(l, @"^\| `(?<f>[^`]+)` \| `(?<file>[^`]+):(?<line>\d+)` \|"))
            .Where(m => m.Success)
            .Select(m => (m.Groups["f"].Value, m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture)))
            .ToList();

    // What the compiler's -m=2 explanation (or, for allocations it never decides about, the -S call) says for each line.
    // "runtime" rows may show as "not-sampled" when the profile caught no sample there.
    [Theory]
    [InlineData("example.com/leaky/cmd/leaky/audit.go", 23, "runtime", "channel")]
    [InlineData("example.com/leaky/cmd/leaky/audit.go", 35, "explained", "stored-in-global-or-heap")]
    [InlineData("example.com/leaky/internal/cache/cache.go", 32, "runtime", "append-growth")]
    [InlineData("example.com/leaky/internal/cache/cache.go", 33, "explained", "stored-in-global-or-heap")]
    [InlineData("example.com/leaky/internal/cache/cache.go", 35, "runtime", "map-growth")]
    [InlineData("example.com/leaky/internal/registry/registry.go", 32, "explained",
        "passed-to-leaking-parameter; too-large-or-non-constant-size")]
    [InlineData("example.com/leaky/internal/registry/registry.go", 34, "runtime", "append-growth")]
    public void Every_deliberate_leak_is_named_with_its_cause(string file, int line, string status, string cause)
    {
        Assert.Contains((file, line), ManifestLeaks().Select(l => (l.File, l.Line)));
        // Sampled rows carry the profile's path, not-sampled ones the listing's (/src/leaky/...): same file, other form.
        var row = Assert.Single(LeakyRows.Value, r => r.Line == line
            && new SourceFileResolver([SourcePathKey.Normalize(r.File)]).Resolve(SourcePathKey.Normalize(file)) is not null);
        // Small sites may escape the sampler (MANIFEST: "sampled, so small sites may show 0"): then the listing still names them.
        var sampled = status == "runtime" && row.Status == WhyOnHeapStatus.NotSampled ? "runtime" : row.Status.ToText();
        Assert.Equal((status, cause), (sampled, row.Cause));
    }

    [Fact]
    public void The_manifest_lists_exactly_the_leaks_the_test_checks() => Assert.Equal(7, ManifestLeaks().Count);

    [Fact]
    public void Sampled_leaks_carry_the_profile_bytes_and_a_retention_of_one()
    {
        // MANIFEST's last column: inuse_space of the line in leaky-heap-4 by go tool pprof -top -lines (flat of the line itself).
        var manifest = File.ReadLines(RepoPaths.Artifact("MANIFEST.md"))
            .Select(l => Regex.Match(l, @"^\| `[^`]+` \| `(?<site>[^`]+)` \| [^|]+ \| (?<mb>[\d.]+MB) \|$")).Where(m => m.Success)
            .ToDictionary(m => m.Groups["site"].Value, m => m.Groups["mb"].Value);
        Assert.Equal(5, manifest.Count);
        foreach (var (site, megabytes) in manifest)
            Assert.Equal(megabytes, PprofMegabytes(LeakyRows.Value.Single(r => r.Site == site).InuseSpace));
        var body = LeakyRows.Value.Single(r => r.Site == "example.com/leaky/internal/cache/cache.go:32");
        Assert.Equal(1.0, body.RetentionRatio);
        Assert.Equal("runtime.growslice", body.AssemblyCall);
        var entry = LeakyRows.Value.Single(r => r.Site == "example.com/leaky/internal/cache/cache.go:33");
        Assert.Equal("&entry{...} → e → {heap}: c.entries[id] = e (assign) at internal/cache/cache.go:35:16", entry.Flow);
        Assert.Equal("internal/cache/cache.go:33:7", entry.DecisionAt);
    }

    [Fact]
    public void Garbage_sites_are_explained_at_the_call_site_they_were_inlined_into()
    {
        // escape.VarMake is inlined into main.(*service).handle: its decision is reported at the call in service.go.
        var varMake = LeakyRows.Value.Single(r => r.Function == "example.com/leaky/escape.VarMake");
        Assert.Equal((WhyOnHeapStatus.Explained, "too-large-or-non-constant-size", 0L), (varMake.Status, varMake.Cause,
            varMake.InuseSpace));
        Assert.StartsWith("cmd/leaky/service.go:", varMake.DecisionAt);
    }

    [Fact]
    public void Without_a_log_every_site_says_why_it_is_unexplained()
    {
        var rows = WhyOnHeap.Join(Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")), null);
        Assert.All(rows.Where(r => r.Status == WhyOnHeapStatus.Unexplained), r => Assert.NotEqual("", r.Reason));
        Assert.Contains(rows, r => r.Reason == "no escape log given");
        // The JSON form of the same build names the files absolutely (file:///src/leaky/...) and still joins.
        var json = WhyOnHeap.Join(Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")),
            EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-json")));
        Assert.Equal(WhyOnHeapStatus.Explained, json.Single(r => r.Site == "example.com/leaky/internal/cache/cache.go:33").Status);
        Assert.Equal(WhyOnHeapStatus.Explained, json.Single(r => r.Site == "example.com/leaky/cmd/leaky/audit.go:35").Status);
    }

    [Fact]
    public void A_package_missing_from_the_log_is_named_as_the_reason()
    {
        var cacheOnly = EscapeLog.Parse(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
            File.ReadLines(RepoPaths.Artifact("escape", "leaky-m2.txt")).TakeWhile(l => l != "# example.com/leaky/internal/registry"))),
                "cache-only.txt");
        var rows = WhyOnHeap.Join(Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")), cacheOnly);
        var register = rows.Single(r => r.Site == "example.com/leaky/internal/registry/registry.go:32");
        Assert.Equal(WhyOnHeapStatus.Unexplained, register.Status);
        Assert.StartsWith("no -m output for package example.com/leaky/internal/registry", register.Reason);
    }

    [Fact]
    public void Site_bytes_equal_go_tool_pprof_lines_with_the_standard_library_hidden()
    {
        var path = RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz");
        var sites = HeapAllocationSites.Find(Profile.Load(path));
        foreach (var index in new[] { "alloc_space", "inuse_space" })
        {
            var text = ExternalTools.Run("go", ["tool", "pprof", "-top", "-lines", "-nodefraction=0", "-unit=B", "-sample_index=" + index,
                "-hide=" + sites.HidePattern, path]);
            var expected = new Dictionary<string, long>();
            foreach (var line in text.Split('\n'))
            {
                var m = Regex.Match(line, @"^\s*(?<flat>-?\d+)B\s+\S+%\s+\S+%\s+\S+\s+\S+%\s+(?<fn>\S+) (?<site>\S+:\d+)(?: \(inline\))?$");
                if (m.Success && m.Groups["flat"].Value != "0") expected[m.Groups["fn"].Value + " "
                    + m.Groups["site"].Value] = long.Parse(m.Groups["flat"].Value, CultureInfo.InvariantCulture);
            }
            var actual = sites.Sites.Where(s => (index == "alloc_space" ? s.AllocSpace : s.InuseSpace) != 0)
                .ToDictionary(s => s.Function + " " + s.Site, s => index == "alloc_space" ? s.AllocSpace : s.InuseSpace);
            Assert.True(expected.Count >= 5, text);
            Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        }
    }

    private static string PprofMegabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + "MB";
}

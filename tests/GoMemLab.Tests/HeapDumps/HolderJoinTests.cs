using System.Net;
using System.Text.RegularExpressions;
using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The "why on the heap" join and the incident report gain the holder: a heap profile's sites joined with what keeps
/// them alive in a heap dump of the same program (leaky.dump.gz; the profiles are of another run of the same build).
/// References: the Go source (the global the registry appends to) and the service's own count of leaked audit
/// goroutines (expvar audit_timeouts, read just before the dump).
/// </summary>
public sealed class HolderJoinTests(LeakyDump leaky) : IClassFixture<LeakyDump>
{
    private static readonly string Heap = RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz");

    [Fact]
    public void Why_with_a_heap_dump_names_the_global_and_the_goroutines_that_hold_each_leak()
    {
        var (exit, stdout, _) = GomemlabCli.Run("why", Heap, "--heapdump", RepoPaths.Artifact("heapdump", "leaky.dump.gz"),
            "--binary", leaky.Binary, "--format", "json");
        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        var rows = json.RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("site").GetString()!, r => r.GetProperty("held_by").GetString()!);

        var registrySource = File.ReadAllText(RepoPaths.Data("go", "leaky", "internal", "registry", "registry.go"));
        var global = Regex.Match(registrySource, @"^\t(\w+) = append\(\1, ", RegexOptions.Multiline).Groups[1].Value;
        // The session allocation: the line the source marks "deliberate leak: kept by a global".
        var sessionLine = registrySource[..registrySource.IndexOf("kept by a global", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.StartsWith($"example.com/leaky/internal/registry.{global} via ",
            rows[$"example.com/leaky/internal/registry/registry.go:{sessionLine}"]);

        // The profile names the make() line; the dump names the line after (its first frame is not backed up).
        var archive = rows.Single(r => r.Key.StartsWith("example.com/leaky/cmd/leaky/audit.go:", StringComparison.Ordinal)
            && r.Value.Contains("goroutines running", StringComparison.Ordinal));
        Assert.StartsWith($"{leaky.Before["audit_timeouts"]} goroutines running main.(*service).audit.func1 via goroutine ", archive.Value);
        Assert.EndsWith("(100 % of the site's reachable bytes)", archive.Value);
    }

    [Fact]
    public void A_site_the_dump_does_not_have_holds_nothing_and_the_report_names_the_holders()
    {
        var holders = new HeapDumpHolders(leaky.Dump);
        Assert.Null(holders.HeldBy("example.com/leaky/cmd/leaky/nowhere.go:1"));
        Assert.Null(holders.HeldBy("not a site"));

        using var temp = new TempDirectory();
        var out_ = temp.File("report.html");
        var (exit, _, stderr) = GomemlabCli.Run("report", "--heap", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--heap", Heap,
            "--heapdump", RepoPaths.Artifact("heapdump", "leaky.dump.gz"), "--binary", leaky.Binary, "--out", out_);
        Assert.True(exit == 0, stderr);
        var html = WebUtility.HtmlDecode(File.ReadAllText(out_));
        Assert.Contains("<strong>Held by:</strong> <code>example.com/leaky/internal/registry.sessions via", html);
        Assert.DoesNotContain("a heap dump (runtime/debug.WriteHeapDump) names the root", html);
    }
}

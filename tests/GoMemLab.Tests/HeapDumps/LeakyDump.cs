using System.Security.Cryptography;
using System.Text.Json;
using GoMemLab.Environment;
using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The committed dump of the leaky service (data/artifacts/heapdump/leaky.dump.gz, by data/gen/60-heapdump.sh) with its
/// binary rebuilt the same way (go build -trimpath -buildvcs=false is reproducible: the SHA-256 must match the one
/// recorded beside the dump), and the service's own /debug/vars counters read just before and after the dump.
/// </summary>
public sealed class LeakyDump : IDisposable
{
    private readonly TempDirectory _dir = new();

    public LeakyDump()
    {
        var go = GoToolchain.FindGo()
            ?? throw new InvalidOperationException("Go toolchain not found on PATH; this test rebuilds the leaky service");
        Binary = _dir.File("leaky");
        var build = ExternalProcess.Run(go, ["build", "-trimpath", "-buildvcs=false", "-o", Binary, "./cmd/leaky"], RepoPaths.Data("go",
            "leaky"),
            TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["GOPROXY"] = "off" });
        if (build.ExitCode != 0) throw new InvalidOperationException("go build of the leaky service failed:\n" + build.Output);
        var recorded = File.ReadAllText(RepoPaths.Artifact("heapdump", "leaky.binary.sha256")).Trim();
        var rebuilt = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Binary)));
        if (rebuilt != recorded)
            throw new InvalidOperationException($"the rebuilt leaky binary ({rebuilt}) is not the one that wrote the dump ({recorded}): "
                + "data/go/leaky or the Go toolchain changed since; regenerate with bash data/gen/60-heapdump.sh");
        Dump = HeapDump.Load(RepoPaths.Artifact("heapdump", "leaky.dump.gz"));
        Dump.NameRootsWith(Binary);
        Before = Vars("leaky-vars-before.json");
        After = Vars("leaky-vars-after.json");
    }

    public string Binary { get; }
    public HeapDump Dump { get; }

    /// <summary>expvar counters (handled, cache_entries, sessions, audit_timeouts) just before the dump.</summary>
    public IReadOnlyDictionary<string, long> Before { get; }

    /// <summary>The same counters just after the dump.</summary>
    public IReadOnlyDictionary<string, long> After { get; }

    private static Dictionary<string, long> Vars(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepoPaths.Artifact("heapdump", name)));
        return new[] { "handled", "cache_entries", "sessions", "audit_timeouts" }.ToDictionary(k => k,
            k => json.RootElement.GetProperty(k).GetInt64());
    }

    public void Dispose() => _dir.Dispose();
}

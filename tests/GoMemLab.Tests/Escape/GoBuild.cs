using GoMemLab.Environment;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

/// <summary>
/// Runs the real Go toolchain for tests that need compiler output made on the spot. Fails with a
/// clear message when Go is missing — these tests never skip silently (CI installs Go).
/// </summary>
public static class GoBuild
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, string> Made = [];

    /// <summary>
    /// The escape artifact <paramref name="name"/> (e.g. <c>leaky-m2.txt</c>, <c>leaky-json</c>):
    /// the committed one under data/artifacts/escape when present, else built now from
    /// data/go/leaky with the same commands as data/gen/10-escape-logs.sh (without -a: only the
    /// named packages take the flags, and a fresh -json directory is never a cache hit).
    /// </summary>
    public static string LeakyArtifact(string name)
    {
        var committed = RepoPaths.Artifact("escape", name);
        if (File.Exists(committed) || Directory.Exists(committed)) return committed;
        lock (Gate)
        {
            if (Made.TryGetValue(name, out var done)) return done;
            var dir = Path.Combine(Path.GetTempPath(), "gomemlab-escape-" + System.Environment.ProcessId);
            Directory.CreateDirectory(dir);
            var output = Path.Combine(dir, name);
            var leaky = RepoPaths.Data("go", "leaky");
            switch (name)
            {
                case "leaky-m1.txt": Build(leaky, output, "-gcflags=-m", "./..."); break;
                case "leaky-m2.txt": Build(leaky, output, "-gcflags=-m=2", "./..."); break;
                case "leaky-asm.txt": Build(leaky, output, "-gcflags=-S", "./..."); break;
                case "leaky-json":
                    Build(leaky, Path.Combine(dir, "json-build.txt"), "-gcflags=-json=0," + output, "./...");
                    break;
                default: throw new ArgumentException("no recipe for " + name);
            }
            return Made[name] = output;
        }
    }

    /// <summary>Runs <c>go build ARGS</c> (several packages or a library: go writes no binary) in <paramref name="workDir"/>, writing its
    /// output to <paramref name="stderrFile"/>; fails the test when it fails.</summary>
    public static void Build(string workDir, string stderrFile, params string[] args)
    {
        var go = GoToolchain.FindGo()
            ?? throw new InvalidOperationException("Go toolchain not found on PATH; this test builds Go code with the real compiler "
                + "(install Go, as CI does).");
        var result = ExternalProcess.Run(go, ["build", .. args], workDir, TimeSpan.FromMinutes(5));
        File.WriteAllText(stderrFile, result.Output);
        if (result.ExitCode != 0) throw new InvalidOperationException($"go build {string.Join(' ', args)} failed in "
            + $"{workDir}:\n{result.Output}");
    }
}

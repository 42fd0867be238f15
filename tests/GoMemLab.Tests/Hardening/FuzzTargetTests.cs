using GoMemLab.Fuzz;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// The fuzz targets (tests/GoMemLab.Fuzz) run in-process, without AFL, so every test run checks what the
/// fuzzer checks on the inputs we already have: every crash AFL found (FuzzRegressions/TARGET/, named after
/// the exception it used to throw), and every artifact and bad input given to every target (a log of the
/// wrong format is the commonest bad input). The contract: accepted, or refused with InputFormatException —
/// any other exception fails the test. AFL itself runs in scripts/fuzz.sh.
/// </summary>
public sealed class FuzzTargetTests : IDisposable
{
    // The targets write file-based inputs to /dev/shm/gomemlab-fuzz-PID-TARGET (AFL's way: one folder per process);
    // only this class runs them in the test process, one test at a time, so each test removes them after itself.
    public void Dispose()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        foreach (var folder in Directory.EnumerateDirectories(root, $"gomemlab-fuzz-{System.Environment.ProcessId}-*"))
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    public static TheoryData<string, string> Regressions()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "FuzzRegressions");
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(directory), Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void A_crash_the_fuzzer_found_now_yields_its_stated_outcome(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "FuzzRegressions", target, file));
        var refused = FuzzRunner.Run(target, input);
        Assert.True(Outcomes.TryGetValue($"{target}/{file}", out var expected), $"{target}/{file}: no outcome stated for it in Outcomes");
        if (expected == Accepted) Assert.True(refused is null, $"{target}/{file} was refused: {refused?.Message}");
        else Assert.Contains(expected, refused?.Message ?? "(accepted)");
    }

    private const string Accepted = "accepted";

    // What each input the fuzzer once crashed on must yield now: accepted (the damage is in values a reader may skip or
    // keep), or refused with the one line naming what is wrong (the path before it is the fuzz scratch file's).
    private static readonly Dictionary<string, string> Outcomes = new()
    {
        ["escape-json/KeyNotFoundException-1265d039"] = "fuzz.json:3: has an unexpected JSON shape (a diagnostic without range.start.line",
        ["gctrace/OverflowException-5034220c"] = Accepted,
        ["memstats/ArgumentOutOfRangeException-760f13c8"] = Accepted,
        ["memstats/IndexOutOfRangeException-bc424d34"] = "fuzz.json:1: the runtime.MemStats trailer holds neither HeapAlloc nor NumGC",
        ["memstats/InvalidOperationException-98c09cc0"] = "fuzz.json: holds no MemStats snapshot (1 line skipped (invalid UTF-8",
        ["notebook/ArgumentException-8e2894f1"] = "fuzz.ipynb: has an object with a duplicate property",
        ["notebook/InvalidOperationException-629b804f"] = "fuzz.ipynb: is not valid UTF-8 JSON",
        ["pprof-legacy/ArgumentException-ba1039e8"] = Accepted,
        ["pprof/ArgumentException-54f4aae0"] = Accepted,
        ["pprof/RegexParseException-01bfe88b"] = "its drop_frames \"runtime/pprof.tate).init2runal\" is not a usable regular expression",
        ["pprof/RegexParseException-0761f75e"] = "its drop_frames \"spac[\" is not a usable regular expression",
        ["pprof/RegexParseException-e5822b49"] = "its drop_frames \"[pace\" is not a usable regular expression",
    };

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_artifact_and_bad_input_is_accepted_or_refused_by_every_target(string target)
    {
        var inputs = Directory.EnumerateFiles(RepoPaths.Artifact(), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(BadInputTests.Folder, "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(inputs.Count > 50, $"only {inputs.Count} inputs found");
        var accepted = 0;
        foreach (var path in inputs)
        {
            try
            {
                if (FuzzRunner.Run(target, File.ReadAllBytes(path)) is null) accepted++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{target} on {path}: {e.GetType().Name}: {e.Message}");
            }
        }
        // Each target reads at least one committed artifact of its own format.
        Assert.True(accepted > 0, $"{target} accepted none of {inputs.Count} inputs");
    }

    // What each target must accept: every committed artifact of its own format (globs under the repository).
    private static readonly Dictionary<string, string[]> OwnFormat = new()
    {
        ["pprof"] = ["data/artifacts/heap/*.pb.gz"],
        ["pprof-legacy"] = ["data/artifacts/heap/leaky-heap-debug1.txt"],
        ["escape-text"] = ["data/artifacts/escape/*-m1.txt", "data/artifacts/escape/*-m2.txt"],
        ["escape-json"] = ["data/artifacts/escape/leaky-json/*/*.json"],
        ["asm"] = ["data/artifacts/escape/*-asm.txt"],
        ["gctrace"] = ["data/artifacts/telemetry/*-gctrace.log"],
        ["memstats"] = ["data/artifacts/telemetry/*-memstats.jsonl", "data/artifacts/telemetry/leaky-vars-*.json"],
        ["prometheus"] = ["data/artifacts/telemetry/prometheus/api-0/scrape-*.prom"],
        ["notebook"] = ["notebooks/*.ipynb"],
        ["heapdump"] = ["data/artifacts/heapdump/*.dump.gz"],
        ["ssa"] = ["data/artifacts/ssa/*.html"],
        ["goroutines"] = ["data/artifacts/goroutines/known-debug*.txt"],
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_artifact_of_the_targets_own_format_is_accepted(string target)
    {
        var own = OwnFormat[target].SelectMany(glob =>
        {
            var directory = Path.Combine(RepoPaths.Root, Path.GetDirectoryName(glob)!.Replace("/*", ""));
            var depth = glob.Split('/').Count(p => p == "*");
            return Directory.EnumerateFiles(directory, Path.GetFileName(glob),
                depth > 0 ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
        }).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, path =>
        {
            var refused = FuzzRunner.Run(target, File.ReadAllBytes(path));
            Assert.True(refused is null, $"{target} refused its own {Path.GetRelativePath(RepoPaths.Root, path)}: {refused?.Message}");
        });
    }

    [Fact]
    public void Every_target_has_its_own_format_named() =>
        Assert.Equal(FuzzTargets.All.Keys.Order(StringComparer.Ordinal), OwnFormat.Keys.Order(StringComparer.Ordinal));
}

using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// The size and element limits (<see cref="InputFile.MaxBytes"/>, <see cref="InputFile.MaxSamples"/>) refuse an
/// input with a message that says how to raise them. Limits come from environment variables, which are
/// process-wide, so each case runs the real gomemlab CLI in a child process rather than changing this one.
/// </summary>
public sealed class InputLimitTests
{
    public static TheoryData<string, string, string[], string> Cases => new()
    {
        { "GOMEMLAB_MAX_SAMPLES", "3", ["pprof", "top", Artifact("heap", "leaky-heap-1.pb.gz")],
          "has over 3 samples, the limit; set GOMEMLAB_MAX_SAMPLES to raise it" },
        { "GOMEMLAB_MAX_SAMPLES", "3", ["pprof", "top", Artifact("heap", "leaky-heap-debug1.txt")],
          "has over 3 samples, the limit; set GOMEMLAB_MAX_SAMPLES to raise it" },
        // About 5 KB of gzip that decompress to about 9 KB: under the limit on disk, over it once inflated.
        { "GOMEMLAB_MAX_INPUT_BYTES", "6000", ["pprof", "top", Artifact("heap", "leaky-heap-1.pb.gz")],
          "decompresses to over 6,000 bytes; set GOMEMLAB_MAX_INPUT_BYTES to raise the limit" },
        { "GOMEMLAB_MAX_INPUT_BYTES", "1000", ["gctrace", Artifact("telemetry", "leaky-gctrace.log")],
          "is {size} bytes, over the 1,000-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it" },
        { "GOMEMLAB_MAX_INPUT_BYTES", "1000", ["memstats", Artifact("telemetry", "leaky-memstats.jsonl")],
          "is {size} bytes, over the 1,000-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it" },
        { "GOMEMLAB_MAX_INPUT_BYTES", "1000", ["escape", "list", Artifact("escape", "leaky-m2.txt")],
          "is {size} bytes, over the 1,000-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it" },
        { "GOMEMLAB_MAX_INPUT_BYTES", "1000", ["asm", "allocs", Artifact("escape", "leaky-asm.txt")],
          "is {size} bytes, over the 1,000-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_over_the_limit_is_refused_saying_how_to_raise_it(string variable, string value, string[] arguments, string problem)
    {
        var (exit, stdout, stderr) = Gomemlab(variable, value, arguments);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        // {size}: the artifact's size, which changes whenever data/generate.sh regenerates it.
        var expected = problem.Replace("{size}", new FileInfo(arguments[^1]).Length.ToString("N0",
            System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"gomemlab: {arguments[^1]}: {expected}", stderr.Trim());
    }

    [Fact]
    public void The_same_input_under_a_raised_limit_loads()
    {
        var (exit, stdout, _) = Gomemlab("GOMEMLAB_MAX_SAMPLES", "100000", ["pprof", "top", Artifact("heap", "leaky-heap-1.pb.gz")]);
        Assert.Equal(0, exit);
        Assert.NotEqual("", stdout);
    }

    private static string Artifact(params string[] parts) => RepoPaths.Artifact(parts);

    private static (int Exit, string Stdout, string Stderr) Gomemlab(string variable, string value, string[] arguments) =>
        GomemlabCli.Run(new Dictionary<string, string> { [variable] = value }, arguments);
}

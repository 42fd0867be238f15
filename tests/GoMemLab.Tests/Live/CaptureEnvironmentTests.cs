using GoMemLab.Live;

namespace GoMemLab.Tests.Live;

/// <summary>`--env` of #!gorun and gomemlab capture: NAME=VALUE pairs for the program, gctrace kept on.</summary>
public sealed class CaptureEnvironmentTests
{
    [Fact]
    public void Pairs_become_the_programs_environment_and_gctrace_is_added_to_a_given_godebug()
    {
        var options = new LiveCaptureOptions
        {
            Target = "program",
            Environment = LiveCaptureOptions.ParseEnvironment(["GOGC=50", "GOMEMLIMIT=64MiB", "GODEBUG=madvdontneed=1", "GOGC=off"]),
        };
        var environment = options.ProgramEnvironment();
        Assert.Equal("off", environment["GOGC"]);
        Assert.Equal("64MiB", environment["GOMEMLIMIT"]);
        Assert.Equal("madvdontneed=1,gctrace=1", environment["GODEBUG"]);
        Assert.Equal("gctrace=1", new LiveCaptureOptions { Target = "p" }.ProgramEnvironment()["GODEBUG"]);
    }

    [Theory]
    [InlineData("GOGC")]
    [InlineData("=50")]
    [InlineData("GO GC=50")]
    public void A_pair_that_is_not_name_equals_value_is_one_line(string pair)
    {
        var e = Assert.Throws<ArgumentException>(() => LiveCaptureOptions.ParseEnvironment([pair]));
        Assert.Equal($"--env '{pair}' must look like NAME=VALUE, e.g. GOGC=50 or GOMEMLIMIT=64MiB", e.Message);
    }
}

using GoMemLab.Profiles;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Reports;

/// <summary>The heap card says how the profile was sampled: chapter 3's data was written at 128 KiB, not Go's 512 KiB default.</summary>
public sealed class ProfileCardPeriodTests
{
    [Fact]
    public void The_card_shows_the_period_go_tool_pprof_reads_from_the_profile()
    {
        var path = RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz");
        // Reference: `go tool pprof -raw` prints the profile's header, "Period: N".
        var raw = ExternalTools.Run("go", ["tool", "pprof", "-raw", path]);
        var period = long.Parse(raw.Split('\n').Single(l => l.StartsWith("Period: ", StringComparison.Ordinal))["Period: ".Length..]);
        Assert.Equal(131072, period);
        var card = new LoadedProfile(Profile.Load(path)).Card("heap").ToString();
        var shown = period.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        var line = Assert.Single(card.Split('\n'), l => l.TrimStart().StartsWith("period ", StringComparison.Ordinal));
        Assert.EndsWith($"{shown} bytes: one sample per {shown} bytes allocated on average (runtime.MemProfileRate; Go's default is "
            + $"524,288)", line);
    }
}

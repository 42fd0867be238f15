using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>A cancelled load stops where it is (the next megabyte), for gzipped and plain profiles alike.</summary>
public class ProfileLoadCancellationTests
{
    [Theory]
    [InlineData(false, "decoding")]
    [InlineData(true, "decoding")]
    public void Cancelling_stops_the_load_before_the_end(bool gzipped, string stage)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "big.pb");
        var samples = InflatedProfile.Write(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), path, 24 << 20);
        if (gzipped)
        {
            File.WriteAllBytes(path + ".gz", ProtoFixtures.Gzip(File.ReadAllBytes(path)));
            path += ".gz";
        }
        using var cancel = new CancellationTokenSource();
        var reports = new List<LoadProgress>();
        var reportsAfterCancel = 0;
        var progress = new InlineProgress<LoadProgress>(p =>
        {
            if (cancel.IsCancellationRequested) reportsAfterCancel++;
            reports.Add(p);
            if (p.Stage == stage) cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Profile.Load(path, progress, cancel.Token));

        // The loader reports every 5% and checks for a cancel every megabyte: it stopped within one report.
        Assert.InRange(reportsAfterCancel, 0, 1);
        Assert.DoesNotContain(reports, r => r.Stage == "indexing");
        Assert.True(reports.Max(r => r.Samples) < samples / 2,
            $"decoded {reports.Max(r => r.Samples)} of {samples} samples before stopping");
        // The same file loads in full without a cancel, so the stop was the cancel's doing.
        var full = Profile.Load(path);
        Assert.Equal(samples, full.Samples.Count);
    }

    [Fact]
    public async Task A_cancelled_token_stops_a_path_load_before_it_starts()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Profile.LoadAsync(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), null, cancel.Token));
    }
}

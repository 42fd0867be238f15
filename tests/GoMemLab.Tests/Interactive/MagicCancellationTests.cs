using System.Text.RegularExpressions;
using GoMemLab.Profiles;
using GoMemLab.Tests.Profiles;
using GoMemLab.Tests.Support;
using Microsoft.DotNet.Interactive.Events;

namespace GoMemLab.Tests.Interactive;

/// <summary>Cancelling a cell (the notebook's stop button) while `#!pprof` decodes a big profile.</summary>
[Collection(KernelCollection.Name)]
public class MagicCancellationTests
{
    [Fact]
    public async Task A_cancelled_pprof_load_stops_defines_nothing_and_the_next_cell_runs()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "big.pb");
        var samples = InflatedProfile.Write(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), path, 160 << 20);
        using var kernel = new InProcessKernel();
        var cards = new List<string>();
        var cancelled = 0;
        using var subscription = kernel.OnEvent(e =>
        {
            if (e is not DisplayEvent display) return;
            var text = Regex.Replace(string.Join(" ", display.FormattedValues.Where(v => v.MimeType == "text/html").Select(v => v.Value)),
                "<[^>]+>|\\s+", " ");
            lock (cards) cards.Add(text);
            if (text.Contains("loading") && Interlocked.Exchange(ref cancelled, 1) == 0) _ = kernel.CancelAsync();
        });

        var cell = await kernel.SubmitAsync("#!pprof big.pb --name big", temp.Path);

        Assert.Equal(1, cancelled);
        Assert.Contains("cancelled", cell.Error);
        // Had the load run on, it would have updated the card to 100% and defined `big` (a full load takes about 4 s here;
        // the kernel takes up to a second to pass a cancel on).
        int cardsAtCancel;
        lock (cards) cardsAtCancel = cards.Count;
        await Task.Delay(TimeSpan.FromSeconds(3));
        lock (cards)
        {
            Assert.Equal(cardsAtCancel, cards.Count);
            Assert.DoesNotContain(cards, c => c.Contains("indexing") || c.Contains("total inuse_space"));
        }
        var next = await kernel.SubmitAsync("var after = 1 + 1;");
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(2, kernel.Variable<int>("after"));
        Assert.False(kernel.TryVariable<LoadedProfile>("big", out _), "the cancelled load defined its variable");
        // Nothing holds the file: it can be deleted, and loads in full when asked again.
        var again = await kernel.SubmitAsync("#!pprof big.pb --name big", temp.Path);
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(samples, kernel.Variable<LoadedProfile>("big").Profile.Samples.Count);
        File.Delete(path);
    }
}

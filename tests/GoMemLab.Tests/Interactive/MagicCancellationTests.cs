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
        var next = await kernel.SubmitAsync("var after = 1 + 1;");
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(2, kernel.Variable<int>("after"));
        // The same load, started after the cancel, runs to its end: had the cancelled one run on, it would have
        // finished first (same work, earlier start), defined `big` and updated its card with the totals. No sleep: the
        // second load's own end is the moment to look.
        var again = await kernel.SubmitAsync("#!pprof big.pb --name again", temp.Path);
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(samples, kernel.Variable<LoadedProfile>("again").Profile.Samples.Count);
        Assert.False(kernel.TryVariable<LoadedProfile>("big", out _), "the cancelled load defined its variable");
        lock (cards)
        {
            // Each card's title ends with its variable: "pprof — big.pb → big" for the cancelled cell.
            var cancelledCellCards = cards.Where(c => Regex.IsMatch(c, @"→ big\b")).ToList();
            Assert.NotEmpty(cancelledCellCards);
            Assert.DoesNotContain(cancelledCellCards, c => c.Contains("indexing") || c.Contains("total inuse_space"));
            Assert.Contains(cards, c => Regex.IsMatch(c, @"→ again\b") && c.Contains("total inuse_space"));
        }
        // Nothing holds the file: it can be deleted.
        File.Delete(path);
    }
}

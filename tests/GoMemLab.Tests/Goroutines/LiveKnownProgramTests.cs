using System.Diagnostics;
using GoMemLab.Goroutines;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Goroutines;

/// <summary>
/// data/go/goroutines/cmd/known built and run now with the Go toolchain here (not the committed artifacts): its own dumps
/// in every form, and its live /debug/pprof/goroutine endpoint read over HTTP, count what it started.
/// </summary>
public class LiveKnownProgramTests
{
    [Fact]
    public void A_fresh_run_writes_dumps_whose_counts_equal_what_it_started()
    {
        using var folder = new TempDirectory();
        var known = Build(folder);
        var result = ExternalProcess.Run(known, ["-out", folder.Path], folder.Path, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.Output);
        var expected = KnownGoroutines.Read(folder.File("expected.json"));
        foreach (var file in new[] { "known.pb.gz", "known-debug1.txt", "known-debug2.txt" })
        {
            var dump = GoroutineDump.Load(folder.File(file));
            Assert.Equal(expected.NumGoroutine, dump.Total);
            Assert.Equal(expected.ByStart.OrderBy(c => c.Key), KnownGoroutinesTests.Counts(dump.ByStart()).OrderBy(c => c.Key));
        }
        var detailed = GoroutineDump.Load(folder.File("known-debug2.txt"));
        Assert.Equal(expected.ByCreation.OrderBy(c => c.Key), KnownGoroutinesTests.Counts(detailed.ByCreation()).OrderBy(c => c.Key));
        Assert.Equal(expected.ByState.OrderBy(c => c.Key), KnownGoroutinesTests.Counts(detailed.ByState()).OrderBy(c => c.Key));
    }

    [Fact]
    public async Task The_live_endpoint_in_every_form_counts_the_known_goroutines()
    {
        using var folder = new TempDirectory();
        var known = Build(folder);
        var info = new ProcessStartInfo(known, ["-out", folder.Path, "-serve", "127.0.0.1:0"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        try
        {
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("listening on ", line);
            var url = line!["listening on ".Length..].Trim();
            var expected = KnownGoroutines.Read(folder.File("expected.json"));
            foreach (var debug in new[] { 0, 1, 2 })
            {
                var before = DateTimeOffset.UtcNow;
                var dump = await GoroutineDump.LoadAsync($"{url}/debug/pprof/goroutine?debug={debug}");
                Assert.InRange(dump.CapturedAt!.Value, before, DateTimeOffset.UtcNow);
                // The server's own goroutines come on top: its accept loop, the connection answering, and sometimes the
                // connection's background reader, created but not started yet (only runtime.goexit on its stack: "(no stack)").
                var counts = KnownGoroutinesTests.Counts(dump.ByStart());
                foreach (var (start, count) in expected.ByStart) Assert.Equal(count, counts.GetValueOrDefault(start));
                Assert.Equal(expected.NumGoroutine, counts
                    .Where(c => !c.Key.StartsWith("net/http.",
                    StringComparison.Ordinal) && c.Key != StartFunction.NoStack).Sum(c => c.Value));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    // -trimpath, as data/gen/61-goroutines.sh builds it: files read example.com/goroutines/…, as the expected sites do.
    private static string Build(TempDirectory folder)
    {
        var output = folder.File("known");
        ExternalTools.Run("go", ["build", "-trimpath", "-o", output, "./cmd/known"], RepoPaths.Data("go", "goroutines"),
            new Dictionary<string, string> { ["GOPROXY"] = "off" });
        return output;
    }
}

using System.Text.RegularExpressions;
using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Live;

/// <summary>
/// `gomemlab capture --heapdump FILE`: a heap dump fetched from the running leaky service's /debug/heapdump during the
/// capture, saved to a new file and readable by the heap-dump reader. Reference: the dump's own goroutine records and
/// the leaky service's source (archive goroutines blocked in their send). Needs Go.
/// </summary>
public class CaptureHeapDumpTests
{
    private static ExternalProcess.Result Capture(TempDirectory dir, params string[] arguments) =>
        ExternalProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), "capture", RepoPaths.Data("go", "leaky",
            "cmd", "leaky"),
            "--args", "-addr 127.0.0.1:0", .. arguments], dir.Path, TimeSpan.FromMinutes(3));

    [Fact]
    public void A_dump_is_fetched_at_the_given_moment_and_holds_the_leaked_goroutines()
    {
        ExternalTools.Require("go");
        using var dir = new TempDirectory();
        var run = Capture(dir, "--for", "12s", "--heap-every", "0s", "--heapdump", "leaky.dump", "--heapdump-at", "8s", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.Output);
        var fetched = Regex.Match(run.Output, @"heap_dump\s+leaky\.dump \(fetched at ([0-9.]+) s\)");
        Assert.True(fetched.Success, run.Output);
        Assert.InRange(double.Parse(fetched.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 8, 11);

        var dump = HeapDump.Load(dir.File("leaky.dump"));
        Assert.Contains(dump.Goroutines, g => g.Frames.Contains("main.archive"));
        Assert.True(dump.Info().ReachableBytes > 0);
        Assert.DoesNotContain(dir.Path, run.Output);
    }

    [Fact]
    public void An_existing_file_is_refused_before_the_program_runs_and_left_as_it_was()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("mine.dump"), "my notes");
        var run = Capture(dir, "--for", "5s", "--heapdump", "mine.dump");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("gomemlab: --heapdump mine.dump exists already: a heap dump is saved only to a new file", run.Output.Trim());
        Assert.Equal("my notes", File.ReadAllText(dir.File("mine.dump")));
    }
}

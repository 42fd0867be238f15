using System.Text.RegularExpressions;
using GoMemLab.Tests.Support;
using static GoMemLab.Tests.Goroutines.KnownGoroutinesTests;

namespace GoMemLab.Tests.Goroutines;

/// <summary>
/// Memory held per goroutine group: `goroutines top --heapdump` joins a debug=2 dump and a heap dump the leaky service
/// wrote one after the other once its load had stopped (data/gen/64-goroutine-memory.sh). The reference is the Go
/// source: each leaked archive goroutine holds its scratch buffer (archiveScratch in audit.go) and nothing else, and
/// the goroutine dump's own count of archive goroutines, read with grep.
/// </summary>
public class GoroutineMemoryTests
{
    private static readonly string Goroutines = Artifact("leaky-held-debug2.txt");
    private static readonly string Dump = Artifact("leaky-held.dump.gz");

    [Fact]
    public void Each_leaked_archive_goroutine_alone_keeps_its_scratch_buffer_alive()
    {
        var scratch = Regex.Match(File.ReadAllText(RepoPaths.Data("go", "leaky", "cmd", "leaky", "audit.go")),
            @"archiveScratch = (\d+) << (\d+)");
        var bufferBytes = long.Parse(scratch.Groups[1].Value) << int.Parse(scratch.Groups[2].Value);
        var archiveGoroutines = Regex.Matches(File.ReadAllText(Goroutines), @"^main\.archive\(", RegexOptions.Multiline).Count;
        Assert.True(archiveGoroutines > 10, $"the artifact holds {archiveGoroutines} archive goroutines");

        var (exit, stdout, _) = GomemlabCli.Run("goroutines", "top", Goroutines, "--heapdump", Dump, "--format", "csv");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(GoMemLab.Goroutines.Analyses.GoroutineGroups.CsvHeader + ",goroutines_in_heapdump,retained_bytes", lines[0]);
        var archive = lines.Select(l => l.Split(',')).Single(f => f[0] == "main.archive");
        Assert.Equal(archiveGoroutines, long.Parse(archive[1]));
        Assert.Equal(archiveGoroutines, long.Parse(archive[^2]));
        Assert.Equal(archiveGoroutines * bufferBytes, long.Parse(archive[^1]));
    }

    [Fact]
    public void A_count_form_or_a_heap_dump_of_another_moment_is_one_line_and_exit_2()
    {
        var counted = Artifact("leaky-goroutine-6-debug1.txt");
        var (exit, stdout, stderr) = GomemlabCli.Run("goroutines", "top", counted, "--heapdump", Dump);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Equal($"gomemlab: {counted}: has no goroutine ids (protobuf and debug=1 count per stack): "
            + "--heapdump needs a debug=2 dump or a traceback", stderr.Trim());

        var other = Artifact("known-debug2.txt");
        (exit, stdout, stderr) = GomemlabCli.Run("goroutines", "top", other, "--heapdump", Dump);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"gomemlab: {Dump}: matches only 1 of the 45 goroutines of {other} (by id and function)", stderr);
    }
}

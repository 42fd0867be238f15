using System.Diagnostics;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Fleet;

/// <summary>
/// A `gomemlab fleet ingest` process killed (SIGKILL) in the middle of a batch leaves the database as it was after the
/// last committed batch. The kill is placed exactly: a FIFO among the profiles makes the ingest block on it, in the
/// middle of its second batch, until the test opens the FIFO's other end — by then the ingest has appended part of the batch.
/// </summary>
public class FleetKillTests
{
    [Fact]
    public async Task Killing_the_ingest_mid_batch_leaves_only_the_committed_batches()
    {
        using var dir = new TempDirectory();
        var input = dir.File("in");
        var paths = CommittedFleet.StoredPaths();
        foreach (var p in paths)
        {
            var target = Path.Combine(input, p);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(CommittedFleet.Folder, p), target);
        }
        // Sorted between the 13th and 14th profile: the 4th file of batch 2 with --batch-size 10.
        var fifo = Path.Combine(input, paths[12] + "-fifo");
        Assert.Equal(0, Run("mkfifo", fifo));
        Assert.Equal(13, paths.Concat([paths[12] + "-fifo"]).Order(StringComparer.Ordinal).ToList().IndexOf(paths[12] + "-fifo"));

        var database = dir.File("fleet.duckdb");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), "fleet", "ingest", input, "--db", database,
            "--batch-size", "10" })
            info.ArgumentList.Add(a);
        using var ingest = Process.Start(info)!;
        _ = ingest.StandardOutput.ReadToEndAsync();
        _ = ingest.StandardError.ReadToEndAsync();
        // Opening the writing end returns once the ingest has opened the reading end: it is now inside batch 2.
        var opened = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write));
        Assert.True(await Task.WhenAny(opened, Task.Delay(TimeSpan.FromSeconds(90))) == opened, "the ingest never reached the FIFO");
        ingest.Kill(entireProcessTree: true);
        await ingest.WaitForExitAsync();
        await (await opened).DisposeAsync();

        Assert.Equal(10, FleetChecks.Scalar(database, "SELECT count(*) FROM profiles"));
        Assert.Equal(1, FleetChecks.Scalar(database, "SELECT max(batch) FROM profiles"));
        FleetChecks.AssertConsistent(database);

        // The next ingest completes the work (the FIFO removed: nobody would write it).
        File.Delete(fifo);
        var (exit, _, stderr) = GomemlabCli.Run("fleet", "ingest", input, "--db", database, "--batch-size", "10");
        Assert.Equal(0, exit);
        Assert.Contains($"{paths.Count - 10} ingested, 10 already present, 0 skipped", stderr);
        FleetChecks.AssertConsistent(database);
    }

    private static int Run(string file, params string[] arguments)
    {
        using var process = Process.Start(file, arguments);
        process.WaitForExit();
        return process.ExitCode;
    }
}

using System.Diagnostics;
using GoMemLab.Live;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Live;

public class ChildProcessTests
{
    [Fact]
    public async Task Arguments_never_go_through_a_shell()
    {
        using var dir = new TempDirectory();
        var marker = dir.File("pwned");
        string[] tricky = ["a b", "\"quoted\"", "x; touch " + marker, "$(touch " + marker + ")", "`touch " + marker + "`"];
        var result = await ChildProcess.RunAsync("printf", ["%s\\n", .. tricky]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(tricky, result.StandardOutput.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Cancelling_kills_the_whole_tree_and_leaves_no_process()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("child.pid");
        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        // A shell is the *program* here (on purpose): it starts a grandchild we must also reap.
        var run = ChildProcess.RunAsync("bash", ["-c", $"sleep 300 & echo $! > '{pidFile}'; echo started; wait"],
            onLine: (line, _) => { lock (lines) lines.Add(line); if (line == "started") cancel.Cancel(); },
            cancellation: cancel.Token);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(run, finished);
        var result = await run;
        Assert.True(result.Cancelled);
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
        await Task.Delay(200);
        Assert.False(IsAlive(grandchild), $"grandchild {grandchild} survived the cancellation");
    }

    [Fact]
    public async Task A_missing_program_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => ChildProcess.RunAsync("no-such-program-gomemlab", []));
        Assert.Contains("cannot start no-such-program-gomemlab", e.Message);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using GoMemLab.Live;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// When the process hosting GoMemLab ends — a kernel shut down by Jupyter (SIGTERM after the shutdown
/// request), a closed terminal (SIGHUP), Ctrl+C — the programs it started through <see cref="ChildProcess"/>
/// end with it, grandchildren included. The host here is a real separate .NET process: a file-based app
/// (<c>dotnet run host.cs</c>) referencing the core, which starts <c>bash</c> that starts <c>sleep</c>.
/// </summary>
public sealed class ChildProcessShutdownTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    [InlineData("INT")]
    public async Task Children_die_with_the_host_process(string signal)
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("grandchild.pid");
        // A fixed folder and source, so `dotnet run` compiles the host once and reuses it afterwards.
        var hostFolder = Path.Combine(AppContext.BaseDirectory, "child-process-host");
        Directory.CreateDirectory(hostFolder);
        var core = Path.Combine(RepoPaths.Root, "src", "GoMemLab", "GoMemLab.csproj");
        var source = $$"""
            #:project {{core}}
            using GoMemLab.Live;
            await ChildProcess.RunAsync("bash", ["-c", "sleep 300 & echo $! > \"$0\"; wait", args[0]]);
            """;
        var hostSource = Path.Combine(hostFolder, "gomemlab-child-host.cs");
        if (!File.Exists(hostSource) || File.ReadAllText(hostSource) != source) File.WriteAllText(hostSource, source);
        using var host = new Process
        {
            // env --default-signal: a signal ignored by whatever started the test run (nohup ignores HUP; a background job
            // of a script ignores INT) stays ignored in every process it starts, and the host would never see it. The
            // test is about a host that receives the signal, as a kernel or a terminal session does.
            StartInfo = new ProcessStartInfo("env", ["--default-signal", "dotnet", "run", hostSource, "--", pidFile])
            {
                WorkingDirectory = hostFolder,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        host.Start();
        try
        {
            // The first run compiles the app (up to a minute on 2 cores).
            for (var waited = 0; !File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0; waited++)
            {
                if (host.HasExited) Assert.Fail("host exited early: " + host.StandardError.ReadToEnd());
                Assert.True(waited < 1800, "host did not start its child within 180 s");
                await Task.Delay(100);
            }
            var grandchild = int.Parse(File.ReadAllText(pidFile).Trim());
            // `dotnet run` starts the compiled app as its child; that app is the host to signal.
            var hostApp = Process.GetProcessesByName("gomemlab-child-host").Single(p => ParentOf(p.Id) == host.Id);

            await ChildProcess.RunAsync("kill", ["-" + signal, hostApp.Id.ToString()]);

            for (var waited = 0; IsRunning(grandchild); waited++)
            {
                Assert.True(waited < 300, $"sleep {grandchild} still runs 30 s after SIG{signal} to its host");
                await Task.Delay(100);
            }
        }
        finally
        {
            ChildProcess.KillTree(host);
        }
    }

    private static int ParentOf(int pid) => int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[1]);

    // A zombie has ended; it only waits for a parent to collect its status.
    private static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}

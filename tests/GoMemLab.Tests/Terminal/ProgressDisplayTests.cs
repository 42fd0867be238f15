using System.Diagnostics;
using GoMemLab.Cli.Terminal;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Terminal;

/// <summary>Progress on the CLI: a bar redrawn in place on a terminal, plain lines in pipes, silence for short jobs.</summary>
public class ProgressDisplayTests
{
    [Fact]
    public void Lines_style_writes_one_line_per_stage_and_ten_percent_step()
    {
        var output = new StringWriter { NewLine = "\n" };
        var display = new ProgressDisplay("gomemlab", ProgressStyle.Lines, output, TimeSpan.Zero);
        for (var i = 0; i <= 20; i++) display.Report("decoding", i / 20.0, $"{i} samples");
        display.Report("indexing", null);
        display.Complete();
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        Assert.Equal("gomemlab: decoding   0%  0 samples", lines[0]);
        Assert.Equal("gomemlab: decoding 100%  20 samples", lines[10]);
        Assert.Equal("gomemlab: indexing…", lines[11]);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void Bar_style_redraws_one_line_and_erases_it_when_done()
    {
        var output = new StringWriter { NewLine = "\n" };
        var display = new ProgressDisplay("gomemlab", ProgressStyle.Bar, output, TimeSpan.Zero, width: 60);
        display.Report("decoding", 0.5, "1,000 samples");
        display.Message("  [cell 1] ok");
        display.Report("decoding", 1.0);
        display.Complete();
        var text = output.ToString();
        var blank = new string(' ', 59);
        var half = "gomemlab: decoding [############............]  50%  1,000 samples";
        Assert.Equal(
            "\r" + half[..59] + "\r" + blank + "\r" + "  [cell 1] ok\n"
            + "\r" + "gomemlab: decoding [########################] 100%".PadRight(59) + "\r" + blank + "\r",
            text);
    }

    [Fact]
    public void Short_jobs_stay_silent()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay("gomemlab", ProgressStyle.Bar, output, TimeSpan.FromHours(1));
        display.Report("decoding", 0.5);
        display.Message("a line that stays");
        display.Complete();
        Assert.Equal("a line that stays" + System.Environment.NewLine, output.ToString());
    }

    [Fact]
    public void A_real_terminal_gets_the_bar_and_a_pipe_gets_lines()
    {
        var profile = RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz");
        var dll = Path.Combine(AppContext.BaseDirectory, "gomemlab.dll");
        // util-linux `script` runs the CLI on a pseudo-terminal, as an interactive shell would.
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-qefc", $"dotnet '{dll}' pprof top '{profile}' --progress --format csv",
            "/dev/null" }) info.ArgumentList.Add(a);
        info.Environment.Remove("CI");
        info.Environment["TERM"] = "xterm";
        using var process = Process.Start(info)!;
        var terminal = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.True(terminal.Contains("\rgomemlab: decoding ["), "terminal output: " + terminal.Replace("\r", "\\r"));
        Assert.Contains("name,flat,", terminal);

        var (exit, stdout, stderr) = GomemlabCli.Run("pprof", "top", profile, "--progress", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.DoesNotContain('\r', stderr);
        Assert.Contains("gomemlab: decoding ", stderr);
        Assert.Contains("gomemlab: indexing 100%", stderr);
        Assert.StartsWith("name,flat,", stdout);
    }
}

using System.Text.RegularExpressions;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Live;

/// <summary>
/// `gomemlab capture` on a short-lived batch program with no HTTP endpoint (data/go/batch: about 2 s, writes heap-1.pb.gz and
/// heap-2.pb.gz itself), as a new user runs it (issue 18, item 3): the verdict is "too short to call" with no rate, an empty
/// heap series says why, and --collect reads the profiles the program wrote. Needs Go.
/// </summary>
public partial class ShortProgramCaptureTests
{
    [Fact]
    public void A_two_second_run_is_too_short_to_call_and_its_own_profiles_are_collected()
    {
        ExternalTools.Require("go");
        using var dir = new TempDirectory();
        var program = CopyBatch(dir);
        // A profile left from an earlier run must not join this one's series.
        Directory.CreateDirectory(dir.File("prof"));
        File.Copy(RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), dir.File("prof/heap-0.pb.gz"));
        File.SetLastWriteTimeUtc(dir.File("prof/heap-0.pb.gz"), DateTime.UtcNow.AddHours(-1));

        var run = Capture(dir, program, "--args", "-out prof", "--collect", "prof/heap-*.pb.gz", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Verdict: too short to call: ", run.Output);
        Assert.DoesNotContain("MB/min", run.Output);
        Assert.Contains("prof/heap-*.pb.gz: left out 1 file(s) written before this run", run.Output);
        var rows = run.Stdout.Trim().Split('\n');
        Assert.Equal("at_s,inuse_space,alloc_space,inuse_objects,source", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.EndsWith(",prof/heap-1.pb.gz", rows[1]);
        Assert.EndsWith(",prof/heap-2.pb.gz", rows[2]);
        // The totals are the ones go tool pprof prints for the files the program wrote.
        foreach (var (row, file) in new[] { (rows[1], "heap-1.pb.gz"), (rows[2], "heap-2.pb.gz") })
        {
            var top = ExternalTools.Run("go", ["tool", "pprof", "-top", "-unit=B", "-sample_index=inuse_space", "-symbolize=none",
                dir.File("prof/" + file)]);
            Assert.Equal(PprofTotal().Match(top).Groups[1].Value, row.Split(',')[1]);
        }
    }

    [Fact]
    public void Without_an_endpoint_or_files_the_empty_series_says_why()
    {
        ExternalTools.Require("go");
        using var dir = new TempDirectory();
        var program = CopyBatch(dir);

        var run = Capture(dir, program, "--args", "-out prof");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.StartsWith("no heap profiles: no pprof endpoint answered (the program printed no 'listening on http://…' line and none "
            + "was given), "
            + "and no profile files were to be collected (a program that writes its own heap profiles: --collect", run.Stdout.Trim());
        Assert.DoesNotContain("at_s", run.Stdout);
        Assert.Contains("why_no_heap_profiles", run.Output);
    }

    // The CLI in its own process, from the folder the program writes into (relative --args and --collect paths are the user's).
    private static ExternalProcess.Result Capture(TempDirectory dir, string program, params string[] arguments) =>
        ExternalProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), "capture", program, "--for", "60s",
            .. arguments],
            dir.Path, TimeSpan.FromMinutes(3));

    private static string CopyBatch(TempDirectory dir)
    {
        var module = dir.File("batch");
        Directory.CreateDirectory(module);
        foreach (var file in Directory.GetFiles(RepoPaths.Data("go", "batch")))
            File.Copy(file, Path.Combine(module, Path.GetFileName(file)));
        return module;
    }

    [GeneratedRegex(@"of (\d+)B total")]
    private static partial Regex PprofTotal();
}

using System.Diagnostics;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Support;

/// <summary>
/// The real leaky service (data/go/leaky) built into a temp folder and running on loopback
/// (`-addr 127.0.0.1:0`); <see cref="Url"/> is the address it printed. Disposing kills it and reaps it.
/// Needs Go (fails with the install hint when it is missing).
/// </summary>
public sealed class LeakyService : IDisposable
{
    private readonly TempDirectory _folder;
    private readonly Process _process;

    private LeakyService(TempDirectory folder, Process process, string url)
    {
        _folder = folder;
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<LeakyService> StartAsync(TimeSpan? runFor = null)
    {
        var folder = new TempDirectory();
        ExternalTools.GoBuild(RepoPaths.Data("go", "leaky"), "./cmd/leaky", folder.File("leaky"));
        var duration = $"{(int)(runFor ?? TimeSpan.FromSeconds(60)).TotalSeconds}s";
        var info = new ProcessStartInfo(folder.File("leaky"), ["-duration", duration, "-addr", "127.0.0.1:0"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new LeakyService(folder, process, line["listening on ".Length..].Trim());
            }
        process.Kill(entireProcessTree: true);
        folder.Dispose();
        Assert.Fail("leaky exited without printing its address");
        throw new InvalidOperationException();
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        _folder.Dispose();
    }
}

using System.Diagnostics;

namespace GoMemLab.Fuzz;

/// <summary>
/// Saves the input that is taking too long before afl-fuzz kills the process for it. SharpFuzz runs every
/// input in one .NET process (there is no fork), so when AFL's timeout kills that process the forkserver
/// dies with it and AFL aborts without recording the hang; this leaves the input behind for
/// scripts/fuzz.sh to report and for <c>--replay</c> to reproduce.
/// </summary>
public sealed class HangWatchdog : IDisposable
{
    private readonly string directory;
    private readonly long limitTicks;
    private readonly Timer timer;
    private byte[]? current;
    private long startedAt;
    private bool saved;

    public HangWatchdog(string directory, TimeSpan limit)
    {
        this.directory = directory;
        limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
        timer = new Timer(_ => Check(), null, 100, 100);
    }

    public void Started(byte[] input)
    {
        saved = false;
        Volatile.Write(ref startedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref current, input);
    }

    public void Finished() => Volatile.Write(ref current, null);

    private void Check()
    {
        var input = Volatile.Read(ref current);
        if (input is null || saved || Stopwatch.GetTimestamp() - Volatile.Read(ref startedAt) < limitTicks) return;
        saved = true;
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, $"slow-{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(input))[..16]}"), input);
    }

    public void Dispose() => timer.Dispose();
}

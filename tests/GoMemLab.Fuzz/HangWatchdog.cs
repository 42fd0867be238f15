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
    private readonly string _directory;
    private readonly long _limitTicks;
    private readonly Timer _timer;
    private byte[]? _current;
    private long _startedAt;
    private bool _saved;

    public HangWatchdog(string directory, TimeSpan limit)
    {
        _directory = directory;
        _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
        _timer = new Timer(_ => Check(), null, 100, 100);
    }

    public void Started(byte[] input)
    {
        _saved = false;
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _current, input);
    }

    public void Finished() => Volatile.Write(ref _current, null);

    private void Check()
    {
        var input = Volatile.Read(ref _current);
        if (input is null || _saved || Stopwatch.GetTimestamp() - Volatile.Read(ref _startedAt) < _limitTicks) return;
        _saved = true;
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(Path.Combine(_directory,
            $"slow-{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(input))[..16]}"), input);
    }

    public void Dispose() => _timer.Dispose();
}

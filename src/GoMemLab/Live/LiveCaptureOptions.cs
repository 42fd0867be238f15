using System.Text.RegularExpressions;

namespace GoMemLab.Live;

/// <summary>What <see cref="LiveCapture"/> runs and for how long.</summary>
public sealed partial record LiveCaptureOptions
{
    /// <summary>A Go main package directory (built with <c>go build</c> first) or an executable to run as is.</summary>
    public required string Target { get; init; }

    /// <summary>Arguments for the program, passed as a list (never through a shell).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>How long to let the program run before stopping it (it may exit earlier). Default 30 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval between heap profiles; zero = none. The first is taken one interval after the server is known. Default 10
    /// s.</summary>
    public TimeSpan HeapEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Base URL of the program's <c>net/http/pprof</c> server, e.g. <c>http://127.0.0.1:6060</c>; null = take it from the
    /// first <c>listening on http://HOST:PORT</c> line the program prints (stdout or stderr).
    /// </summary>
    public string? PprofUrl { get; init; }

    /// <summary>
    /// Extra environment variables for the program (not for the build), e.g. <c>GOGC=50</c>, <c>GOMEMLIMIT=64MiB</c>. A
    /// <c>GODEBUG</c> given here is kept and <c>gctrace=1</c> is added to it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The environment the program runs with: <see cref="Environment"/> plus <c>GODEBUG=gctrace=1</c>.</summary>
    public IReadOnlyDictionary<string, string> ProgramEnvironment()
    {
        var result = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        result["GODEBUG"] = result.TryGetValue("GODEBUG", out var debug) && debug.Length > 0 ? debug + ",gctrace=1" : "gctrace=1";
        return result;
    }

    /// <summary>Parses <c>NAME=VALUE</c> pairs (as <c>--env</c> takes them) into a dictionary, in order; a later pair wins.</summary>
    /// <exception cref="ArgumentException">A pair without <c>=</c> or with a name that is not an environment variable name.</exception>
    public static IReadOnlyDictionary<string, string> ParseEnvironment(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !VariableName().IsMatch(pair[..eq]))
                throw new ArgumentException($"--env '{pair}' must look like NAME=VALUE, e.g. GOGC=50 or GOMEMLIMIT=64MiB");
            result[pair[..eq]] = pair[(eq + 1)..];
        }
        return result;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    /// <summary>Where <c>go build</c> runs for a directory target: the module or package directory itself (default).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Heap profiles the program writes itself (runtime/pprof), as a path or a '*' / '?' pattern in its file-name part,
    /// relative to the current directory: read once the program has ended. Files older than the capture are left out.
    /// Null = none. This is how a batch program without net/http/pprof gets a heap series.
    /// </summary>
    public string? Collect { get; init; }

    /// <summary>
    /// Where to save a heap dump (runtime/debug.WriteHeapDump) fetched from the program's <see cref="HeapDumpPath"/> during the
    /// run; a new file, never replaced. Null = no dump. The dump stops the program's world while it is written (about a
    /// second per GB of heap).
    /// </summary>
    public string? HeapDumpFile { get; init; }

    /// <summary>When to fetch the heap dump, from the start of the run; null = 5 s before the end (half-way in runs under 10 s).</summary>
    public TimeSpan? HeapDumpAt { get; init; }

    /// <summary>The path of the program's heap-dump handler on its pprof server. Default <c>/debug/heapdump</c> (the sample
    /// service's).</summary>
    public string HeapDumpPath { get; init; } = "/debug/heapdump";

    /// <summary>The moment the heap dump is fetched: <see cref="HeapDumpAt"/>, or its default.</summary>
    public TimeSpan HeapDumpMoment => HeapDumpAt ?? (Duration >= TimeSpan.FromSeconds(10) ? Duration - TimeSpan.FromSeconds(5)
        : Duration / 2);
}

namespace GoMemLab.Live;

/// <summary>What <see cref="LiveCapture"/> runs and for how long.</summary>
public sealed record LiveCaptureOptions
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

    /// <summary>Where <c>go build</c> runs for a directory target: the module or package directory itself (default).</summary>
    public string? WorkingDirectory { get; init; }
}

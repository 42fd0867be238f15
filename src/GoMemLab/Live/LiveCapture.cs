using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using GoMemLab.Environment;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Live;

/// <summary>One heap profile taken during a capture, with its offset from the program's start.</summary>
public sealed record CapturedHeapProfile(TimeSpan At, Profile Profile);

/// <summary>What a <see cref="LiveCapture"/> collected.</summary>
/// <param name="GcTrace">The program's gctrace (null when it printed no gctrace line; see <paramref name="Problems"/>).</param>
/// <param name="HeapProfiles">Heap profiles in time order (empty without a pprof server).</param>
/// <param name="PprofUrl">The pprof base URL used, or null.</param>
/// <param name="Stopped">True when the capture stopped the program (time up or cancelled) rather than the program exiting.</param>
/// <param name="Problems">Things that went wrong but did not stop the capture (a failed profile fetch, no gctrace), one line each.</param>
public sealed record LiveCaptureResult(
    string Program, GcTrace? GcTrace, IReadOnlyList<CapturedHeapProfile> HeapProfiles, string? PprofUrl,
    int ExitCode, bool Stopped, TimeSpan Elapsed, string StandardOutput, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// The telemetry verdict on the live heap after each GC (<see cref="Telemetry.GcTrace.LiveHeapTrend"/>); null without gctrace.
    /// </summary>
    public LeakSignal? LiveHeapTrend => GcTrace is null || GcTrace.Lines.Count == 0 ? null : GcTrace.LiveHeapTrend();

    /// <summary>
    /// The heap profiles as a series: at_s, inuse_space, alloc_space, inuse_objects (pprof's totals of each profile,
    /// <see cref="Top.ComputeTotal"/>), one row per profile in time order.
    /// </summary>
    public DataFrame HeapSeries() => new(
        new DoubleDataFrameColumn("at_s", HeapProfiles.Select(h => h.At.TotalSeconds)),
        new Int64DataFrameColumn("inuse_space", HeapProfiles.Select(h => h.Profile.Total("inuse_space"))),
        new Int64DataFrameColumn("alloc_space", HeapProfiles.Select(h => h.Profile.Total("alloc_space"))),
        new Int64DataFrameColumn("inuse_objects", HeapProfiles.Select(h => h.Profile.Total("inuse_objects"))));

    /// <summary>What each column of <see cref="HeapSeries"/> means.</summary>
    public static IReadOnlyDictionary<string, string> HeapSeriesColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["at_s"] = "Seconds since the program started when the heap profile was taken.",
        ["inuse_space"] = "Total inuse_space of the profile (bytes live as of the last GC).",
        ["alloc_space"] = "Total alloc_space of the profile (bytes allocated since start).",
        ["inuse_objects"] = "Total inuse_objects of the profile.",
    };
}

/// <summary>
/// Runs a Go program for a while the way a workshop wants to watch one: builds it when given a package directory
/// (<c>go build</c>, no shell), runs it with <c>GODEBUG=gctrace=1</c> and its arguments, collects the gctrace from its
/// stderr, and — when it serves <c>net/http/pprof</c> on a port it prints (<c>listening on http://HOST:PORT</c>) or that
/// the caller gives — fetches <c>/debug/pprof/heap</c> at intervals. The program is stopped (its whole process tree
/// killed and reaped, <see cref="ChildProcess"/>) when the duration is up or the token is cancelled; a cancelled capture
/// returns what it collected rather than throwing. The built binary lives in a temporary directory removed afterwards.
/// Errors: a missing target or Go toolchain, or a failed build, throw <see cref="InputFormatException"/> with the
/// compiler's message; a program that exits at once is not an error (its exit code and output are in the result).
/// </summary>
public static partial class LiveCapture
{
    [GeneratedRegex(@"listening on (https?://[^\s/]+)")]
    private static partial Regex ListeningLine();

    /// <summary>Runs the capture; <paramref name="progress"/> receives one line per event (built, listening, profile taken,
    /// stopped).</summary>
    public static async Task<LiveCaptureResult> RunAsync(LiveCaptureOptions options, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        if (options.Duration <= TimeSpan.Zero) throw new ArgumentException("the capture duration must be positive");
        string? buildDirectory = null;
        try
        {
            var program = options.Target;
            if (Directory.Exists(options.Target))
            {
                buildDirectory = Directory.CreateTempSubdirectory("gomemlab-capture-").FullName;
                program = await BuildAsync(options, buildDirectory, cancellation);
                progress?.Report($"built {program}");
            }
            else if (!File.Exists(options.Target))
                throw new InputFormatException(options.Target, "no such Go package directory or executable");
            return await RunProgramAsync(program, options, progress, cancellation);
        }
        finally
        {
            if (buildDirectory is not null)
                try { Directory.Delete(buildDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<string> BuildAsync(LiveCaptureOptions options, string into, CancellationToken cancellation)
    {
        var go = GoToolchain.FindGo()
            ?? throw new InputFormatException(options.Target,
                "is a package directory but the Go toolchain (go) is not on PATH to build it; install Go or pass a built binary");
        var output = Path.Combine(into, OperatingSystem.IsWindows() ? "program.exe" : "program");
        var built = await ChildProcess.RunAsync(go, ["build", "-o", output, "."], options.WorkingDirectory ?? options.Target,
            new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod" }, cancellation: cancellation);
        if (built.Cancelled) throw new OperationCanceledException("the build was cancelled", cancellation);
        if (built.ExitCode != 0)
            throw new InputFormatException(options.Target, "go build failed: " + built.StandardError.Trim().Replace('\n', ' '));
        return output;
    }

    private static async Task<LiveCaptureResult> RunProgramAsync(string program, LiveCaptureOptions options, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        var stderr = new List<string>();
        var problems = new List<string>();
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (options.PprofUrl is { } given) url.TrySetResult(given.TrimEnd('/'));
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stop.CancelAfter(options.Duration);

        void OnLine(string line, bool isError)
        {
            if (isError) lock (stderr) stderr.Add(line);
            if (!url.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } m && url.TrySetResult(m.Groups[1].Value))
                progress?.Report($"pprof server at {m.Groups[1].Value}");
        }

        var run = ChildProcess.RunAsync(program, options.Arguments, options.WorkingDirectory,
            new Dictionary<string, string> { ["GODEBUG"] = "gctrace=1" }, OnLine, stop.Token);
        var profiles = await CollectProfilesAsync(run, url.Task, options.HeapEvery, clock, problems, progress, stop.Token);
        var result = await run;
        stop.Cancel(); // the program may have exited early: stop waiting for profiles too
        progress?.Report(result.Cancelled ? $"stopped after {result.Elapsed.TotalSeconds:0.#} s" : $"exited with code {result.ExitCode}");

        GcTrace? trace = null;
        string text;
        lock (stderr) text = string.Join('\n', stderr);
        try { trace = GcTrace.Parse(text, $"gctrace of {Path.GetFileName(program)}"); }
        catch (InputFormatException e) { problems.Add(e.Message); }
        return new LiveCaptureResult(program, trace, profiles, url.Task.IsCompletedSuccessfully ? url.Task.Result : null,
            result.ExitCode, result.Cancelled, result.Elapsed, result.StandardOutput, problems);
    }

    private static async Task<List<CapturedHeapProfile>> CollectProfilesAsync(Task running, Task<string> url, TimeSpan every,
        Stopwatch clock, List<string> problems, IProgress<string>? progress, CancellationToken stop)
    {
        var profiles = new List<CapturedHeapProfile>();
        if (every <= TimeSpan.Zero) return profiles;
        if (await Task.WhenAny(url, running, Delay(Timeout.InfiniteTimeSpan, stop)) != url) return profiles;
        var heapUrl = url.Result + "/debug/pprof/heap";
        while (!stop.IsCancellationRequested && !running.IsCompleted)
        {
            await Task.WhenAny(Delay(every, stop), running);
            if (stop.IsCancellationRequested || running.IsCompleted) break;
            try
            {
                var at = clock.Elapsed;
                var profile = await Profile.LoadUrlAsync(heapUrl, TimeSpan.FromSeconds(10), cancel: stop);
                profiles.Add(new CapturedHeapProfile(at, profile));
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"heap profile {profiles.Count} at {at.TotalSeconds:0.#} s"));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (InputFormatException) when (stop.IsCancellationRequested || running.IsCompleted) { break; }
            catch (InputFormatException e) { problems.Add(e.Message); }
        }
        return profiles;
    }

    private static Task Delay(TimeSpan delay, CancellationToken token) =>
        Task.Delay(delay, token).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}

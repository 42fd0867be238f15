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

/// <summary>
/// Runs a Go program for a while the way a workshop wants to watch one: builds it when given a package directory
/// (<c>go build</c>, no shell), runs it with <c>GODEBUG=gctrace=1</c> and its arguments, collects the gctrace from its
/// stderr, and — when it serves <c>net/http/pprof</c> on a port it prints (<c>listening on http://HOST:PORT</c>) or that
/// the caller gives — fetches <c>/debug/pprof/heap</c> at intervals; heap profiles the program writes itself are read
/// after it ends (<see cref="LiveCaptureOptions.Collect"/>). The program is stopped (its whole process tree
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
        var started = DateTime.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stop.CancelAfter(options.Duration);

        void OnLine(string line, bool isError)
        {
            if (isError) lock (stderr) stderr.Add(line);
            if (!url.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } m && url.TrySetResult(m.Groups[1].Value))
                progress?.Report($"pprof server at {m.Groups[1].Value}");
        }

        var run = ChildProcess.RunAsync(program, options.Arguments, options.WorkingDirectory,
            options.ProgramEnvironment(), OnLine, stop.Token);
        var heapDump = SaveHeapDumpAsync(options, run, url.Task, clock, problems, progress, stop.Token);
        var profiles = await CollectProfilesAsync(run, url.Task, options.HeapEvery, clock, problems, progress, stop.Token);
        var result = await run;
        var savedDump = await heapDump;
        stop.Cancel(); // the program may have exited early: stop waiting for profiles too
        progress?.Report(result.Cancelled ? $"stopped after {result.Elapsed.TotalSeconds:0.#} s" : $"exited with code {result.ExitCode}");

        if (options.Collect is { } pattern)
            profiles = profiles.Concat(CollectFiles(pattern, started, problems, progress)).OrderBy(p => p.At).ToList();

        GcTrace? trace = null;
        string text;
        lock (stderr) text = string.Join('\n', stderr);
        try { trace = GcTrace.Parse(text, $"gctrace of {Path.GetFileName(program)}"); }
        catch (InputFormatException e) { problems.Add(e.Message); }
        return new LiveCaptureResult(program, trace, profiles, url.Task.IsCompletedSuccessfully ? url.Task.Result : null,
            result.ExitCode, result.Cancelled, result.Elapsed, result.StandardOutput, problems, options)
        {
            Environment = options.Environment,
            HeapDumpFile = savedDump?.File,
            HeapDumpAt = savedDump?.At,
        };
    }

    // Fetches the heap dump at its moment into the file asked for; a failure is a problem of the capture, not an error.
    private static async Task<(string File, TimeSpan At)?> SaveHeapDumpAsync(LiveCaptureOptions options, Task running, Task<string> url,
        Stopwatch clock, List<string> problems, IProgress<string>? progress, CancellationToken stop)
    {
        if (options.HeapDumpFile is not { } file) return null;
        if (await Task.WhenAny(url, running, Delay(Timeout.InfiniteTimeSpan, stop)) != url)
        {
            problems.Add($"no heap dump: no pprof server address was known to fetch {options.HeapDumpPath} from");
            return null;
        }
        var wait = options.HeapDumpMoment - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.WhenAny(Delay(wait, stop), running);
        if (stop.IsCancellationRequested || running.IsCompleted)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"no heap dump: the program ended or was stopped before {options.HeapDumpMoment.TotalSeconds:0.#} s"));
            return null;
        }
        var at = clock.Elapsed;
        try
        {
            await HeapDumps.HeapDump.DownloadAsync(url.Result + options.HeapDumpPath, file, stop);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"heap dump saved to {file} at {at.TotalSeconds:0.#} s"));
            return (file, at);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            problems.Add("no heap dump: the run ended while the dump was being written");
            return null;
        }
        catch (InputFormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    // The files the program wrote during this run, in the order of the time stamps inside them (else their write times).
    private static List<CapturedHeapProfile> CollectFiles(string pattern, DateTime started, List<string> problems,
        IProgress<string>? progress)
    {
        var collected = new List<CapturedHeapProfile>();
        var files = InputFile.Matching(pattern);
        // File systems keep write times to a second or coarser on some platforms.
        var fresh = files.Where(f => File.GetLastWriteTimeUtc(f) >= started.AddSeconds(-2)).ToList();
        if (fresh.Count < files.Count) problems.Add($"{pattern}: left out {files.Count - fresh.Count} file(s) written before this run");
        foreach (var file in fresh)
        {
            try
            {
                var profile = ProfileLoader.Load(file);
                var at = (profile.Time?.UtcDateTime ?? File.GetLastWriteTimeUtc(file)) - started;
                collected.Add(new CapturedHeapProfile(at, profile, file));
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"collected {file} (written at {at.TotalSeconds:0.#} s)"));
            }
            catch (InputFormatException e) { problems.Add(e.Message); }
        }
        return collected;
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

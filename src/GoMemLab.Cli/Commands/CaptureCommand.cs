using System.CommandLine;
using GoMemLab.Cli.Terminal;
using GoMemLab.Inputs;
using GoMemLab.Live;
using GoMemLab.Reports;
using GoMemLab.Telemetry;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab capture PROGRAM_DIR_OR_BINARY [--args "…"] [--env NAME=VALUE]… [--for 30s] [--heap-every 10s] [--pprof-url URL] [--collect
/// GLOB]`: a live
/// capture from a shell. Prints the card on stderr and the heap series on stdout; with no heap profile, a text table is
/// replaced by the reason (CSV and JSON keep their empty header or array for programs).
/// </summary>
public static class CaptureCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("PROGRAM_DIR_OR_BINARY")
        {
            Description = "A Go main package directory (built first) or a built binary.",
        };
        var args = new Option<string?>("--args")
        {
            Description = "Arguments for the program in one string, e.g. \"-addr 127.0.0.1:0\" (split on spaces, \"…\" groups; no shell).",
        };
        var duration = new Option<string>("--for") { Description = "How long to run, a Go duration.", DefaultValueFactory = _ => "30s" };
        var heapEvery = new Option<string>("--heap-every")
        {
            Description = "Interval between heap profiles, a Go duration (0s = none).",
            DefaultValueFactory = _ => "10s",
        };
        var env = new Option<string[]>("--env")
        {
            Description =
                "NAME=VALUE for the program's environment, e.g. GOGC=50 or GOMEMLIMIT=64MiB (GODEBUG gets gctrace=1 added). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var pprofUrl = new Option<string?>("--pprof-url")
        {
            Description = "Base URL of the pprof server when the program does not print 'listening on http://…'.",
        };
        var collect = new Option<string?>("--collect")
        {
            Description = "Heap profiles the program writes itself (runtime/pprof), read after it ends: a path or a * pattern in the "
                + "file name, "
                + "e.g. \"out/heap-*.pb.gz\" (relative to the current directory; files older than the run are left out).",
        };
        var heapDump = new Option<string?>("--heapdump")
        {
            Description = "Also save a heap dump (runtime/debug.WriteHeapDump) fetched from the program's --heapdump-path to this new file "
                + "(never replaced); analyse it with gomemlab heapdump. The dump stops the program's world while it is written.",
        };
        var heapDumpAt = new Option<string?>("--heapdump-at")
        {
            Description = "When to fetch the heap dump, a Go duration from the start (default: 5 s before the end).",
        };
        var heapDumpPath = new Option<string>("--heapdump-path")
        {
            Description = "The heap-dump handler's path on the pprof server (docs/formats/heapdump.md shows the 15-line handler).",
            DefaultValueFactory = _ => "/debug/heapdump",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("capture",
            "Build and run a Go program with GODEBUG=gctrace=1, collect its gctrace and heap profiles, stop it, print the verdict and "
                + "the heap series.")
            { target, args, env, duration, heapEvery, pprofUrl, collect, heapDump, heapDumpAt, heapDumpPath, format, output };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var length = GoDuration.Parse(parse.GetValue(duration)!);
            var environment = LiveCaptureOptions.ParseEnvironment(parse.GetValue(env) ?? []);
            TimeSpan? dumpAt = parse.GetValue(heapDumpAt) is { } at ? GoDuration.Parse(at) : null;
            if (parse.GetValue(heapDump) is { } dumpFile && File.Exists(dumpFile))
                throw new ArgumentException($"--heapdump {dumpFile} exists already: a heap dump is saved only to a new file");
            if (dumpAt is { } moment && moment >= length)
                throw new ArgumentException($"--heapdump-at {parse.GetValue(heapDumpAt)} is not before the end of the run (--for "
                    + $"{parse.GetValue(duration)})");
            // The capture's events are lines everywhere; on a terminal a bar also counts down the capture time.
            var progress = ProgressDisplay.OnStderr("gomemlab capture");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            progress.KeepRedrawing(() => progress.Report("capturing", clock.Elapsed / length,
                $"{clock.Elapsed.TotalSeconds:0}s of {length.TotalSeconds:0}s"));
            LiveCaptureResult result;
            try
            {
                result = await LiveCapture.RunAsync(new LiveCaptureOptions
                {
                    Target = parse.GetValue(target)!,
                    Arguments = ProgramArguments.Split(parse.GetValue(args)),
                    Duration = length,
                    HeapEvery = GoDuration.Parse(parse.GetValue(heapEvery)!),
                    PprofUrl = parse.GetValue(pprofUrl),
                    Environment = environment,
                    Collect = parse.GetValue(collect),
                    HeapDumpFile = parse.GetValue(heapDump),
                    HeapDumpAt = dumpAt,
                    HeapDumpPath = parse.GetValue(heapDumpPath)!,
                }, new InlineProgress<string>(line => progress.Message("gomemlab capture: " + line)), cancel);
            }
            finally
            {
                progress.Complete();
            }
            var card = LiveCaptureCard.For(result, $"capture — {Path.GetFileName(parse.GetValue(target)!.TrimEnd('/'))}");
            Console.Error.Write(card.ToString());
            if (result.NoHeapProfilesReason is { } none && parse.GetValue(format) == Tables.TableFormat.Table)
            {
                Console.WriteLine(none + (result.PprofUrl is null && parse.GetValue(collect) is null
                    ? " (a program that writes its own heap profiles: --collect \"DIR/heap-*.pb.gz\"; a pprof server on another port: "
                    + "--pprof-url)" : ""));
                return 0;
            }
            return CommonOptions.Print(result.HeapSeries(), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }
}

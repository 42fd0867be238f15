using System.CommandLine;
using GoMemLab.Cli.Terminal;
using GoMemLab.Inputs;
using GoMemLab.Live;
using GoMemLab.Reports;
using GoMemLab.Telemetry;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab capture PROGRAM_DIR_OR_BINARY [--args "…"] [--for 30s] [--heap-every 10s] [--pprof-url URL]`: a live capture from a
/// shell.</summary>
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
        var pprofUrl = new Option<string?>("--pprof-url")
        {
            Description = "Base URL of the pprof server when the program does not print 'listening on http://…'.",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("capture",
            "Build and run a Go program with GODEBUG=gctrace=1, collect its gctrace and heap profiles, stop it, print the verdict and "
                + "the heap series.")
            { target, args, duration, heapEvery, pprofUrl, format, output };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var length = GoDuration.Parse(parse.GetValue(duration)!);
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
                }, new InlineProgress<string>(line => progress.Message("gomemlab capture: " + line)), cancel);
            }
            finally
            {
                progress.Complete();
            }
            var card = LiveCaptureCard.For(result, $"capture — {Path.GetFileName(parse.GetValue(target)!.TrimEnd('/'))}");
            Console.Error.Write(card.ToString());
            return CommonOptions.Print(result.HeapSeries(), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }
}

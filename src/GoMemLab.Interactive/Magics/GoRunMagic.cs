using GoMemLab.Live;
using GoMemLab.Reports;
using GoMemLab.Telemetry;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>
/// `#!gorun PROGRAM_DIR_OR_BINARY [--args …] [--env "GOGC=50 …"] [--for 30s] [--heap-every 10s] [--pprof-url URL]
/// [--heapdump FILE [--heapdump-at D]] [--name VAR]`: a live capture.
/// </summary>
public sealed class GoRun : MagicCommand
{
    public string? Target { get; set; }
    public string? Args { get; set; }
    public string? For { get; set; }
    public string? HeapEvery { get; set; }
    public string? PprofUrl { get; set; }
    public string? Env { get; set; }
    public string? Heapdump { get; set; }
    public string? HeapdumpAt { get; set; }
    public string? Name { get; set; }
}

public static class GoRunMagic
{
    public const string Example = "#!gorun ../data/go/leaky/cmd/leaky --args \"-addr 127.0.0.1:0\" --for 20s --heap-every 5s --name live";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!gorun")
    {
        Description = "Build (for a package directory) and run a Go program with GODEBUG=gctrace=1 for a while, collecting "
            + "its gctrace and, when it serves net/http/pprof (it prints 'listening on http://HOST:PORT', or give --pprof-url), heap "
            + "profiles at intervals. The program is stopped when the time is up or the cell is cancelled. The result (a "
            + "LiveCaptureResult: .GcTrace, .HeapProfiles, .HeapSeries(), .LiveHeapTrend) lands in a variable.",
        Parameters = {
            new KernelDirectiveParameter("--target", "The Go main package directory or a built binary (relative to the notebook).")
            {
                AllowImplicitName = true,
            },
            new KernelDirectiveParameter("--args", "Arguments for the program, in double quotes, e.g. \"-addr 127.0.0.1:0\" (no shell)."),
            new KernelDirectiveParameter("--for", "How long to run, a Go duration (default 30s)."),
            new KernelDirectiveParameter("--heap-every", "Interval between heap profiles, a Go duration (default 10s; 0s = none)."),
            new KernelDirectiveParameter("--pprof-url",
                "Base URL of the program's pprof server when it does not print one, e.g. http://127.0.0.1:6060."),
            new KernelDirectiveParameter("--env",
                "Environment for the program, NAME=VALUE pairs separated by spaces, e.g. \"GOGC=50 GOMEMLIMIT=64MiB\" (GODEBUG gets "
                    + "gctrace=1 added)."),
            new KernelDirectiveParameter("--heapdump", "Also save a heap dump fetched from the program's /debug/heapdump to this new file "
                + "(relative to the notebook; never replaced): .HeapDumpFile, for HeapDump.Load or #!heapdump."),
            new KernelDirectiveParameter("--heapdump-at",
                "When to fetch the heap dump, a Go duration from the start (default: 5 s before the end)."),
            new KernelDirectiveParameter("--name", "The C# variable to store the capture in (default: from the program name)."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<GoRun>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Target)) throw new ArgumentException("missing PROGRAM_DIR_OR_BINARY");
                var options = new LiveCaptureOptions
                {
                    Target = MagicKit.ResolvePath(command.Target),
                    Arguments = ProgramArguments.Split(command.Args),
                    Duration = command.For is null ? TimeSpan.FromSeconds(30) : GoDuration.Parse(command.For),
                    HeapEvery = command.HeapEvery is null ? TimeSpan.FromSeconds(10) : GoDuration.Parse(command.HeapEvery),
                    PprofUrl = command.PprofUrl,
                    Environment = LiveCaptureOptions.ParseEnvironment(ProgramArguments.Split(command.Env)),
                    HeapDumpFile = command.Heapdump is null ? null : MagicKit.ResolvePath(command.Heapdump),
                    HeapDumpAt = command.HeapdumpAt is null ? null : GoDuration.Parse(command.HeapdumpAt),
                };
                if (options.HeapDumpFile is { } dumpFile && File.Exists(dumpFile))
                    throw new ArgumentException($"--heapdump {command.Heapdump} exists already: a heap dump is saved only to a new file");
                var status = KernelInvocationContextExtensions.Display(context,
                    $"#!gorun: starting {command.Target} for {options.Duration.TotalSeconds:0} s…", "text/plain");
                var progress = new Progress<string>(line => status.Update($"#!gorun: {line}"));
                var result = await LiveCapture.RunAsync(options, progress, context.CancellationToken);
                var name = MagicKit.VariableName(command.Name, command.Target, "capture");
                await MagicKit.DefineVariableAsync(kernel, name, result, typeof(Microsoft.Data.Analysis.DataFrame), typeof(GcTrace));
                context.Display(LiveCaptureCard.For(result, $"gorun — {System.IO.Path.GetFileName(command.Target.TrimEnd('/'))} → {name}"));
            }));
    }
}

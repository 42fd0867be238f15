using System.CommandLine;
using GoMemLab.HeapDumps;
using GoMemLab.Reports;
using GoMemLab.Telemetry;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab report [--heap F]… [--escape LOG_OR_DIR] [--asm F] [--gctrace F] [--memstats F]… --out report.html`.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var heap = new Option<string[]>("--heap")
        {
            Description = "A heap profile; repeat, oldest first (the last is the report's 'now').",
            AllowMultipleArgumentsPerToken = false,
        };
        var escape = new Option<string?>("--escape") { Description = "The -m/-m=2 log or -json=0,DIR directory of the profiled source." };
        var asm = new Option<string?>("--asm") { Description = "The -S listing of the same source." };
        var gctrace = new Option<string?>("--gctrace") { Description = "A GODEBUG=gctrace=1 log." };
        var memstats = new Option<string[]>("--memstats")
        {
            Description = "MemStats JSON lines or expvar /debug/vars documents; repeatable.",
        };
        var title = new Option<string?>("--title") { Description = "The report's title." };
        var output = new Option<string>("--out")
        {
            Description = "The HTML file to write (self-contained, opens offline).",
            Required = true,
        };
        var heapDump = WhyCommand.HeapDumpHolderOption();
        var binary = HeapDumpCommands.BinaryOption();
        var command = new Command("report",
            "Write one self-contained HTML incident report: verdict, leak suspects, alloc vs inuse, trend, GC, why on the heap, "
                + "regeneration commands.")
            { heap, escape, asm, gctrace, memstats, heapDump, binary, title, output };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var inputs = new IncidentReportInputs
            {
                HeapProfiles = parse.GetValue(heap) ?? [],
                Escape = parse.GetValue(escape),
                Assembly = parse.GetValue(asm),
                GcTrace = parse.GetValue(gctrace),
                MemStats = parse.GetValue(memstats) ?? [],
                Title = parse.GetValue(title) ?? "Memory incident report",
                // Verbatim, so the report's "This report" line is the command that was run.
                CommandLine = "gomemlab " + ShellWords.Join(parse.Tokens.Select(t => t.Value)),
            };
            if (inputs.IsEmpty) throw new ArgumentException("the report needs at least one input: --heap, --escape, "
                + "--gctrace or --memstats");
            if (parse.GetValue(heapDump) is { } dumpPath)
                inputs = inputs with
                {
                    Holders = new HeapDumpHolders(await HeapDumpCommands.LoadAsync(dumpPath, parse.GetValue(binary),
                    cancel))
                };
            var report = IncidentReport.Build(inputs, cancel);
            var path = parse.GetValue(output)!;
            report.Save(path);
            Console.WriteLine($"wrote {path}: verdict {report.Verdict.ToText()}, {report.Suspects.Count} leak suspects, {report.Why.Count} "
                + $"sites, {report.ChartCount} charts");
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using GoMemLab.Charts;
using GoMemLab.Telemetry;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab gctrace FILE`: one row per GC of a GODEBUG=gctrace=1 log, or its summary and leak verdict.</summary>
public static class GcTraceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A GODEBUG=gctrace=1 log (the program's stderr; other lines are skipped and counted). .gz is fine.",
        };
        var format = CommonOptions.Format();
        var summary = new Option<bool>("--summary")
        {
            Description = "Print GC count and rate, GC CPU, STW pause p50/p99/max, live heap range and the leak verdict instead of "
                + "one row per GC.",
        };
        var chart = new Option<string?>("--chart")
        {
            Description = "Also write an offline HTML page with the heap and pause charts to this path.",
        };
        var command = new Command("gctrace", "Parse a GODEBUG=gctrace=1 log: one row per GC, or --summary with a leak verdict.")
        {
            file,
            format,
            summary,
            chart,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            var trace = GcTrace.Load(path);
            if (trace.Skipped.Count > 0) Console.Error.WriteLine($"gomemlab: {path}: {trace.Skipped.Describe()}");
            if (parse.GetValue(chart) is { } chartPath)
                ChartHtml.WritePage(chartPath, $"gctrace — {Path.GetFileName(path)}", TelemetryCharts.HeapOverTime(trace),
                    TelemetryCharts.PausesAndGcCpu(trace));
            if (!parse.GetValue(summary)) return CommonOptions.Print(trace.ToDataFrame(), parse.GetValue(format));
            return CommonOptions.Print(trace.Summary().ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }
}

using System.CommandLine;
using GoMemLab.Charts;
using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.HeapDumps;
using GoMemLab.Telemetry;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab goroutines top|growth`: goroutine dumps (protobuf, debug=1, debug=2, panic and SIGQUIT tracebacks; files or
/// net/http/pprof URLs) grouped by start function, creation site or state. The work is <see cref="GoroutineDump"/>'s.
/// </summary>
public static class GoroutinesCommands
{
    public static Command Create()
    {
        var command = new Command("goroutines",
            "Read goroutine dumps (protobuf, debug=1, debug=2, panic or SIGQUIT tracebacks; file or http URL) and group them.");
        command.Subcommands.Add(TopCommand());
        command.Subcommands.Add(GrowthCommand());
        return command;
    }

    private static Command TopCommand()
    {
        var source = new Argument<string>("FILE_OR_URL")
        {
            Description = "A goroutine dump: a file (any form, .gz allowed) or a URL such as "
                + "http://127.0.0.1:6060/debug/pprof/goroutine?debug=2.",
        };
        var by = By();
        var heapDump = new Option<string?>("--heapdump")
        {
            Description = "A heap dump (runtime/debug.WriteHeapDump; file, .gz or URL) of the same process at the same moment, with a "
                + "debug=2 "
                + "goroutine dump: adds goroutines_in_heapdump and retained_bytes (what the group's goroutines each alone keep alive, "
                + "summed).",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("top",
            "Goroutines per start function, creation site (debug=2) or state (debug=2), largest group first, with waits, ids and make-up.")
        {
            source, by, heapDump, format, output,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var grouping = GoroutineGroupingText.Parse(parse.GetValue(by));
            var dump = await GoroutineDump.LoadAsync(parse.GetValue(source)!, cancel);
            Report(dump);
            var groups = dump.Top(grouping);
            if (parse.GetValue(heapDump) is not { } heapDumpPath)
                return CommonOptions.Print(groups.ToDataFrame(), parse.GetValue(format), parse.GetValue(output));
            var heap = await HeapDump.LoadAsync(heapDumpPath, cancel);
            return CommonOptions.Print(GoroutineMemory.Join(dump, groups, heap), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }

    private static Command GrowthCommand()
    {
        var sources = new Argument<string[]>("FILE_OR_URL")
        {
            Description = "Snapshots of one program (files or URLs); at least 5 for a verdict. Ordered by capture time, or as given "
                + "with --every.",
            Arity = ArgumentArity.OneOrMore,
        };
        var by = By();
        var every = new Option<string?>("--every")
        {
            Description = "The time between the snapshots, in the order given (Go duration, e.g. 5s); needed for text dumps, which "
                + "record no time.",
        };
        var series = new Option<bool>("--series")
        {
            Description = "Print the count per group and snapshot (long table) instead of the verdicts.",
        };
        var chart = new Option<string?>("--chart")
        {
            Description = "Also write an offline HTML page with the stacked chart of the groups over time.",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("growth",
            "How each group's goroutine count moves across snapshots: first, last, slope per minute and the leak verdict (growing, "
                + "steady, shrinking).")
        {
            sources, by, every, series, chart, format, output,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var grouping = GoroutineGroupingText.Parse(parse.GetValue(by));
            TimeSpan? interval = parse.GetValue(every) is { } text ? GoDuration.Parse(text) : null;
            var dumps = new List<GoroutineDump>();
            foreach (var path in parse.GetValue(sources)!)
            {
                var dump = await GoroutineDump.LoadAsync(path, cancel);
                Report(dump);
                dumps.Add(dump);
            }
            if (interval is null && dumps.FirstOrDefault(d => d.CapturedAt is null) is { } untimed)
                throw new ArgumentException($"{untimed.Source} records no capture time ({untimed.Form.ToText()}): give --every, the "
                    + $"time between the snapshots");
            var growth = interval is { } step ? GoroutineGrowth.Compute(dumps, step, grouping) : GoroutineGrowth.Compute(dumps, grouping);
            if (parse.GetValue(chart) is { } page)
                ChartHtml.WritePage(page, $"Goroutines per {grouping.ToText()} — {dumps.Count} snapshots",
                    GoroutineCharts.GrowthStacked(growth));
            var table = parse.GetValue(series) ? growth.Series() : growth.ToDataFrame();
            return CommonOptions.Print(table, parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }

    private static Option<string> By()
    {
        var by = new Option<string>("--by")
        {
            Description = "Group by start function (every form), creation site or state (debug=2 and tracebacks only).",
            DefaultValueFactory = _ => "start",
        };
        // Checked by the parser, before a dump is read.
        by.AcceptOnlyFromAmong("start", "creation", "state");
        return by;
    }

    /// <summary>What the reader skipped or doubts, one line each on stderr (the table stays clean on stdout).</summary>
    private static void Report(GoroutineDump dump)
    {
        if (dump.Skipped.Count > 0) Console.Error.WriteLine($"gomemlab: {dump.Source}: {dump.Skipped.Describe()}");
        foreach (var warning in dump.Warnings) Console.Error.WriteLine($"gomemlab: {dump.Source}: {warning}");
    }
}

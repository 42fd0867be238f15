using System.CommandLine;
using GoMemLab.Charts;
using GoMemLab.Cli.Terminal;
using GoMemLab.Inputs;
using GoMemLab.Telemetry;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab memstats FILE_OR_URL…`: MemStats readings from files or a live /debug/vars or /metrics endpoint.</summary>
public static class MemStatsCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("FILE_OR_URL")
        {
            Description = "MemStats JSON lines, expvar /debug/vars JSON file(s), runtime/metrics JSON lines, Prometheus scrapes (one per "
                + "file, "
                + "text or OpenMetrics) or query_range answers (several combine by label set), a debug=1 heap profile (read in the order "
                    + "given), "
                + "or one http:// URL of /debug/vars or /metrics to poll.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Format();
        var summary = new Option<bool>("--summary")
        {
            Description = "Print a summary and the leak signals (HeapInuse, HeapObjects, NextGC, goroutines) "
                + "instead of one row per snapshot.",
        };
        var verdict = new Option<bool>("--verdict")
        {
            Description = $"Print one row per series: {SeriesVerdicts.CsvHeader} (the heap's slope in MB/min; empty without timestamps).",
        };
        var every = new Option<string>("--every")
        {
            Description = "URL only: polling interval (Go duration).",
            DefaultValueFactory = _ => "1s",
        };
        var duration = new Option<string>("--for")
        {
            Description = "URL only: how long to poll (Go duration).",
            DefaultValueFactory = _ => "10s",
        };
        var timeout = new Option<string>("--timeout")
        {
            Description = "URL only: deadline per request (Go duration).",
            DefaultValueFactory = _ => "5s",
        };
        var chart = new Option<string?>("--chart")
        {
            Description = "Also write an offline HTML page with the MemStats chart to this path.",
        };
        var command = new Command("memstats",
            "Read runtime.MemStats readings (files, Prometheus scrapes and query answers, or a live expvar or /metrics URL): "
            + "one row per snapshot, --summary with leak signals, or --verdict per series.")
        {
            sources, format, summary, verdict, every, duration, timeout, chart,
        };
        command.SetAction((parse, cancellation) => CliRun.GuardAsync(async () =>
        {
            var given = parse.GetValue(sources)!;
            if (parse.GetValue(summary) && parse.GetValue(verdict)) throw new ArgumentException("give --summary or --verdict, not both");
            MemStatsSeries series;
            if (given.Length == 1 && HttpInput.IsUrl(given[0]))
            {
                using var poller = new MemStatsPoller(new Uri(given[0]), GoDuration.Parse(parse.GetValue(timeout)!));
                var length = GoDuration.Parse(parse.GetValue(duration)!);
                var pollEvery = GoDuration.Parse(parse.GetValue(every)!);
                var progress = ProgressDisplay.OnStderr("gomemlab memstats");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    series = await poller.PollAsync(pollEvery, length,
                        (snapshot, _) => progress.Report("polling", clock.Elapsed / length, $"{snapshot.Sequence + 1} snapshots"),
                            cancellation);
                }
                finally
                {
                    progress.Complete();
                }
            }
            else
            {
                if (given.Any(HttpInput.IsUrl)) throw new ArgumentException("give either one URL or files, not both");
                series = MemStatsSeries.Load(given, cancellation);
            }
            if (series.Skipped.Count > 0) Console.Error.WriteLine($"gomemlab: {series.Source}: {series.Skipped.Describe()}");
            if (parse.GetValue(chart) is { } chartPath)
                ChartHtml.WritePage(chartPath, $"MemStats — {series.Source}", TelemetryCharts.MemStatsOverTime(series));
            var table = parse.GetValue(summary) ? series.Summary().ToDataFrame()
                : parse.GetValue(verdict) ? series.Verdicts().ToDataFrame()
                : series.ToDataFrame();
            return CommonOptions.Print(table, parse.GetValue(format));
        }));
        return command;
    }
}

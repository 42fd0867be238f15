using System.CommandLine;
using GoMemLab.Cli.Terminal;
using GoMemLab.Charts;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab memstats FILE_OR_URL…`: MemStats snapshots from files or a live /debug/vars endpoint.</summary>
public static class MemStatsCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("FILE_OR_URL")
        {
            Description = "MemStats JSON lines, expvar /debug/vars JSON file(s) (read in the order given), a debug=1 heap profile, or an http:// URL of /debug/vars to poll.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Format();
        var summary = new Option<bool>("--summary") { Description = "Print a summary and the leak signals (HeapInuse, HeapObjects, NextGC, goroutines) instead of one row per snapshot." };
        var every = new Option<string>("--every") { Description = "URL only: polling interval (Go duration).", DefaultValueFactory = _ => "1s" };
        var duration = new Option<string>("--for") { Description = "URL only: how long to poll (Go duration).", DefaultValueFactory = _ => "10s" };
        var timeout = new Option<string>("--timeout") { Description = "URL only: deadline per request (Go duration).", DefaultValueFactory = _ => "5s" };
        var chart = new Option<string?>("--chart") { Description = "Also write an offline HTML page with the MemStats chart to this path." };
        var command = new Command("memstats", "Read runtime.MemStats snapshots (files or a live expvar URL): one row per snapshot, or --summary with leak signals.")
        {
            sources, format, summary, every, duration, timeout, chart,
        };
        command.SetAction((parse, cancellation) => CliRun.GuardAsync(async () =>
        {
            var given = parse.GetValue(sources)!;
            MemStatsSeries series;
            if (given.Length == 1 && IsUrl(given[0]))
            {
                using var poller = new ExpvarPoller(new Uri(given[0]), GoDuration.Parse(parse.GetValue(timeout)!));
                var length = GoDuration.Parse(parse.GetValue(duration)!);
                var progress = ProgressDisplay.OnStderr("gomemlab memstats");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    series = await poller.PollAsync(GoDuration.Parse(parse.GetValue(every)!), length,
                        (snapshot, _) => progress.Report("polling", clock.Elapsed / length, $"{snapshot.Sequence + 1} snapshots"), cancellation);
                }
                finally
                {
                    progress.Complete();
                }
            }
            else
            {
                if (given.Any(IsUrl)) throw new ArgumentException("give either one URL or files, not both");
                series = MemStatsReader.ReadMany(given);
            }
            if (series.Skipped.Count > 0) Console.Error.WriteLine($"gomemlab: {series.Source}: {series.Skipped.Describe()}");
            if (parse.GetValue(chart) is { } chartPath)
                ChartHtml.WritePage(chartPath, $"MemStats — {series.Source}", TelemetryCharts.MemStatsOverTime(series));
            return CommonOptions.Print(parse.GetValue(summary) ? SummaryWithSignals(series) : series.ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The summary's metric/value rows followed by one verdict row per leak signal and the overall verdict.</summary>
    public static DataFrame SummaryWithSignals(MemStatsSeries series)
    {
        var rows = MemStatsAnalysis.SummaryRows(series);
        var signals = MemStatsAnalysis.LeakSignals(series);
        foreach (var signal in signals) rows.Add(($"{signal.Metric}_verdict", $"{signal.Verdict.ToText()}: {signal.Evidence}"));
        rows.Add(("leak_verdict", MemStatsAnalysis.Overall(signals).ToText()));
        return MetricTable.Create(rows);
    }
}

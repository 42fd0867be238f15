using GoMemLab.Inputs;
using GoMemLab.Reports;
using GoMemLab.Telemetry;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!memstats PATH_OR_URL [--name VAR] [--every D --for D]`: MemStats from files or a live /debug/vars or /metrics
/// endpoint.</summary>
public sealed class LoadMemStats : MagicCommand
{
    public string? Source { get; set; }
    public string? Name { get; set; }
    public string? Every { get; set; }
    public string? For { get; set; }
    public string? Timeout { get; set; }
}

public static class MemStatsMagic
{
    public const string Example = "#!memstats ../data/artifacts/telemetry/leaky-memstats.jsonl --name leakyStats";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!memstats")
    {
        Description = "Load runtime.MemStats into a MemStatsSeries variable (.ToDataFrame(): one row per snapshot) from MemStats JSON "
            + "lines, "
            + "expvar /debug/vars JSON (a '*' pattern reads several in name order), runtime/metrics JSON lines, Prometheus scrapes "
            + "(text or OpenMetrics, one per file) or query_range answers (one series per label set), a debug=1 heap profile's trailer, "
            + "or by polling an http:// /debug/vars or /metrics URL with a live-updating chart; shows the summary and the leak verdict.",
        Parameters =
        {
            new KernelDirectiveParameter("--source",
                "A file, a file pattern such as leaky-vars-*.json or scrape-*.prom, or an http://HOST:PORT/debug/vars or /metrics "
                    + "URL.") { AllowImplicitName = true }.WithFileCompletions(".jsonl", ".json", ".prom", "debug1.txt"),
            new KernelDirectiveParameter("--name", "The C# variable to store the MemStatsSeries in (default: from the file name)."),
            new KernelDirectiveParameter("--every", "URL only: polling interval as a Go duration (default 1s)."),
            new KernelDirectiveParameter("--for", "URL only: how long to poll, as a Go duration (default 10s)."),
            new KernelDirectiveParameter("--timeout", "URL only: deadline per request, as a Go duration (default 5s)."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadMemStats>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Source)) throw new ArgumentException("missing PATH_OR_URL of MemStats");
                var isUrl = HttpInput.IsUrl(command.Source);
                var title = $"MemStats — {command.Source}";
                MemStatsSeries series;
                if (isUrl)
                {
                    using var poller = new MemStatsPoller(new Uri(command.Source), GoDuration.Parse(command.Timeout ?? "5s"));
                    var live = context.Display(new SummaryCard(title) { Verdict = "polling…" });
                    series = await poller.PollAsync(GoDuration.Parse(command.Every ?? "1s"), GoDuration.Parse(command.For ?? "10s"),
                        (_, soFar) => live.Update(TelemetryCards.ForMemStats(soFar,
                            $"{title} (polling: {soFar.Snapshots.Count} snapshots)")),
                        context.CancellationToken);
                    live.Update(TelemetryCards.ForMemStats(series, title));
                }
                else
                {
                    // Off the kernel's thread, and stopped by the cell's stop button (the loader checks the token).
                    series = await MemStatsSeries.LoadAsync(MagicKit.ResolvePath(command.Source), context.CancellationToken);
                    context.Display(TelemetryCards.ForMemStats(series, title));
                }
                await MagicKit.DefineVariableAsync(kernel, MagicKit.VariableName(command.Name, command.Source.Replace("*", ""),
                    "memstats"), series,
                    typeof(Microsoft.Data.Analysis.DataFrame));
            }));
    }
}

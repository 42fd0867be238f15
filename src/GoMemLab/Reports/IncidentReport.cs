using System.Globalization;
using System.Net;
using GoMemLab.AssemblyListings;
using GoMemLab.Charts;
using GoMemLab.Escape;
using GoMemLab.Joins;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tables;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Reports;

/// <summary>The files an <see cref="IncidentReport"/> is written from; every one is optional but at least one is needed.</summary>
public sealed record IncidentReportInputs
{
    /// <summary>Heap profiles of one program, oldest first (the last one is the "now" of the report).</summary>
    public IReadOnlyList<string> HeapProfiles { get; init; } = [];
    /// <summary>A <c>-m</c>/<c>-m=2</c> log or a <c>-json=0,DIR</c> directory of the profiled source.</summary>
    public string? Escape { get; init; }
    /// <summary>A <c>-S</c> listing of the same source.</summary>
    public string? Assembly { get; init; }
    public string? GcTrace { get; init; }
    /// <summary>
    /// MemStats JSON lines, an expvar <c>/debug/vars</c> document, Prometheus scrapes or answers, or several
    /// (see <see cref="MemStatsSeries.Load(IReadOnlyList{string}, CancellationToken)"/>).
    /// </summary>
    public IReadOnlyList<string> MemStats { get; init; } = [];
    public string Title { get; init; } = "Memory incident report";

    /// <summary>True when no input is given (a report needs heap profiles, an escape log, a gctrace log or MemStats).</summary>
    public bool IsEmpty => HeapProfiles.Count == 0 && Escape is null && GcTrace is null && MemStats.Count == 0;
}

/// <summary>
/// One self-contained HTML write-up of a memory incident, from whatever evidence there is: the summary verdict
/// (gctrace and MemStats leak signals, heap growth across profiles), the leak suspects with their reasons
/// (<see cref="SiteLeakSuspects"/>), alloc vs inuse per function, the suspects' trend across profiles, GC behaviour,
/// the joined "why on the heap" table (<see cref="WhyOnHeap"/>) and its unexplained sites, and the exact commands
/// that regenerate every input (<see cref="RegenerationCommands"/>). Charts are inlined plotly
/// (<see cref="OfflineHtmlPage"/>): the file opens offline. Built in the core so the CLI (<c>gomemlab report</c>),
/// notebooks and scripts produce the same page. Inputs are read with the formats' own readers; bad input throws
/// their <see cref="Inputs.InputFormatException"/>.
/// </summary>
public sealed class IncidentReport
{
    private IncidentReport(IncidentReportInputs inputs) => Inputs = inputs;

    public IncidentReportInputs Inputs { get; }
    public IReadOnlyList<Profile> HeapProfiles { get; private set; } = [];
    public EscapeLog? Escape { get; private set; }
    public AssemblyListing? Assembly { get; private set; }
    public GcTrace? GcTrace { get; private set; }
    public MemStatsSeries? MemStats { get; private set; }

    /// <summary>The join on the latest heap profile (empty without heap profiles).</summary>
    public IReadOnlyList<WhyOnHeapRow> Why { get; private set; } = [];
    public IReadOnlyList<SiteLeakSuspect> Suspects { get; private set; } = [];

    /// <summary>Every leak signal the report looked at (gctrace live heap, MemStats counters).</summary>
    public IReadOnlyList<LeakSignal> Signals { get; private set; } = [];

    /// <summary>Growing when any signal grows or there are suspects whose in-use bytes grew; else steady or insufficient data.</summary>
    public LeakVerdict Verdict { get; private set; }

    /// <summary>The number of charts <see cref="ToHtml"/> draws (tests compare it with what a browser rendered).</summary>
    public int ChartCount { get; private set; }

    /// <summary>
    /// Reads the inputs and runs the analyses; throws <see cref="ArgumentException"/> when no input is given
    /// (<see cref="IncidentReportInputs.IsEmpty"/>), and the formats' <see cref="Inputs.InputFormatException"/> for bad input.
    /// </summary>
    public static IncidentReport Build(IncidentReportInputs inputs, CancellationToken cancel = default)
    {
        if (inputs.IsEmpty)
            throw new ArgumentException("the report needs at least one input: heap profiles, an escape log, a gctrace log or MemStats");
        var report = new IncidentReport(inputs)
        {
            HeapProfiles = inputs.HeapProfiles.Select(p => Profile.Load(p, cancel)).ToList(),
            Escape = inputs.Escape is null ? null : EscapeLog.Load(inputs.Escape, cancel),
            Assembly = inputs.Assembly is null ? null : AssemblyListing.Load(inputs.Assembly, cancel),
            GcTrace = inputs.GcTrace is null ? null : GcTrace.Load(inputs.GcTrace, cancel),
            MemStats = inputs.MemStats.Count == 0 ? null : MemStatsSeries.Load(inputs.MemStats, cancel),
        };
        if (report.HeapProfiles.Count > 0)
        {
            report.Why = WhyOnHeap.Join(report.HeapProfiles[^1], report.Escape, report.Assembly,
                includeUnsampled: report.Escape is not null || report.Assembly is not null);
            report.Suspects = SiteLeakSuspects.Find(report.HeapProfiles, report.Why);
        }
        var signals = new List<LeakSignal>();
        if (report.GcTrace is { Lines.Count: > 0 } trace) signals.Add(trace.LiveHeapTrend());
        if (report.MemStats is { } series) signals.AddRange(series.LeakSignals());
        report.Signals = signals;
        var heapGrew = report.HeapProfiles.Count > 1 && report.Suspects.Count > 0;
        report.Verdict = signals.Any(s => s.Verdict == LeakVerdict.Growing) || heapGrew ? LeakVerdict.Growing
            : signals.Count > 0 ? LeakSignal.Overall(signals)
            : LeakVerdict.InsufficientData;
        return report;
    }

    /// <summary>The page (self-contained, offline).</summary>
    public string ToHtml()
    {
        var page = new OfflineHtmlPage(Inputs.Title);
        var charts = 0;
        Summary(page);
        if (HeapProfiles.Count > 0)
        {
            var rule = SiteLeakSuspects.SiteRule;
            page.AddHeading("Leak suspects");
            page.AddParagraph($"Lines of {Path.GetFileName(HeapProfiles[^1].Source)} that hold at least {rule.MinimumInuseShare * 100:0}% "
                + $"of the heap in use, keep at least {rule.MinimumRetention * 100:0}% of what they allocated"
                + (HeapProfiles.Count > 1 ? $" and hold more than in {Path.GetFileName(HeapProfiles[0].Source)}."
                    : " (one profile: growth cannot be shown)."));
            if (Suspects.Count == 0) page.AddHtml("<p><em>No site meets all the rules.</em></p>");
            else
            {
                page.AddHtml(WhyOnHeapHtml.Render(Suspects.Select(s => s.Site).ToList(), 30));
                page.AddHtml("<ol>" + string.Concat(Suspects.Select(s =>
                    $"<li><code>{Encode(s.Site.Site)}</code> in <code>{Encode(s.Site.Function)}</code>: {Encode(s.Reason)}</li>\n"))
                        + "</ol>");
            }

            page.AddHeading("Allocated vs in use");
            page.AddParagraph("Per function (pprof's flat values): alloc_space counts every byte allocated since the program "
                + "started, inuse_space what is still live at the last GC. Garbage shows a long alloc bar and no inuse bar; a leak shows "
                    + "the two bars close together.");
            page.AddChart(ProfileCharts.AllocVsInuseBars(HeapProfiles[^1].AllocVsInuse().Rows, 12)); charts++;

            page.AddHeading("Trend across heap profiles");
            if (HeapProfiles.Count >= 3)
            {
                var trend = HeapTrend.Compute(HeapProfiles);
                page.AddChart(ProfileCharts.TrendLines(trend, 5)); charts++;
                page.AddHtml(Wide(HtmlTable.Render(trend.ToDataFrame(), 8)));
            }
            else page.AddParagraph($"A trend needs three or more heap profiles; {HeapProfiles.Count} given.");
        }
        if (GcTrace is not null || MemStats is not null)
        {
            page.AddHeading("GC behaviour");
            if (GcTrace is { } trace)
            {
                page.AddHtml(TelemetryCards.ForGcTrace(trace, $"gctrace — {Path.GetFileName(trace.Source)}").ToHtml()); charts++;
                page.AddChart(TelemetryCharts.PausesAndGcCpu(trace)); charts++;
            }
            if (MemStats is { } series) { page.AddHtml(Wide(TelemetryCards.ForMemStats(series,
                $"MemStats — {Path.GetFileName(series.Source)}").ToHtml())); charts++; }
        }
        if (HeapProfiles.Count > 0)
        {
            page.AddHeading("Why is this on the heap");
            page.AddParagraph(Escape is null
                ? "No escape log was given, so no site can be explained: add an escape log (go build -gcflags=-m=2) and an assembly "
                    + "listing (-gcflags=-S)."
                : "Each allocation site of the latest heap profile joined with the compiler's escape decision at that line (for "
                  + "inlined code, at the call it was inlined into), the flow that sends it to the heap, and the allocation call "
                  + "of the assembly. Rows marked not-sampled allocate according to the compiler but the profile caught no sample there.");
            page.AddHtml(WhyOnHeapHtml.Render(Why.Where(r => r.Status != WhyOnHeapStatus.Unexplained).ToList(), 60));
            var unexplained = Why.Where(r => r.Status == WhyOnHeapStatus.Unexplained).ToList();
            page.AddHeading("Sites the join could not explain", 3);
            page.AddHtml(unexplained.Count == 0 ? "<p><em>None.</em></p>" : WhyOnHeapHtml.Render(unexplained, 40, withReason: true));
        }
        Commands(page);
        ChartCount = charts;
        return page.ToHtml();
    }

    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> (only that file).</summary>
    public void Save(string path) => File.WriteAllText(path, ToHtml());

    /// <summary>The suspects as a table (see <see cref="SiteLeakSuspects.ToDataFrame"/>).</summary>
    public DataFrame SuspectTable() => SiteLeakSuspects.ToDataFrame(Suspects);

    private void Summary(OfflineHtmlPage page)
    {
        page.AddHeading("Summary");
        var kind = Verdict.ToText();
        var headline = Verdict switch
        {
            LeakVerdict.Growing => "Memory is growing: this looks like a leak.",
            LeakVerdict.Steady => "Memory is steady: no sign of a leak in this evidence.",
            LeakVerdict.Shrinking => "Memory is shrinking.",
            _ => "Not enough evidence over time for a verdict.",
        };
        var html = new System.Text.StringBuilder($"<div class=\"card\"><p class=\"verdict-{Encode(kind)}\"><strong>Verdict: "
            + $"{Encode(kind)}.</strong> {Encode(headline)}</p><ul>\n");
        foreach (var signal in Signals.Where(s => s.Verdict != LeakVerdict.InsufficientData || Signals.Count == 1))
            html.Append($"<li>{Encode(signal.Verdict.ToText())}: {Encode(signal.Evidence)}</li>\n");
        if (HeapProfiles.Count > 1)
        {
            var first = HeapProfiles[0].Total("inuse_space");
            var last = HeapProfiles[^1].Total("inuse_space");
            html.Append($"<li>heap profiles: inuse_space {ByteSize.Format(first)} → {ByteSize.Format(last)} over {HeapProfiles.Count} "
                + "profiles</li>\n");
        }
        if (HeapProfiles.Count > 0)
            html.Append($"<li>{Suspects.Count} leak suspect{(Suspects.Count == 1 ? "" : "s")}"
                + (Suspects.Count > 0 ? ": "
                    + Encode(string.Join(", ",
                        Suspects.Take(5).Select(s => $"{s.Site.Site} ({ByteSize.Format(s.Site.InuseSpace)}, {s.Site.Cause})"))) : "")
                + "</li>\n");
        html.Append("</ul></div>");
        page.AddHtml(html.ToString());
    }

    private void Commands(OfflineHtmlPage page)
    {
        page.AddHeading("Regenerate the inputs");
        var items = new List<(string Path, RegenerationCommands.InputKind Kind)>();
        items.AddRange(Inputs.HeapProfiles.Select(p => (p, RegenerationCommands.InputKind.HeapProfile)));
        if (Inputs.Escape is { } e) items.Add((e, Directory.Exists(e) ? RegenerationCommands.InputKind.EscapeJson
            : RegenerationCommands.InputKind.EscapeLog));
        if (Inputs.Assembly is { } a) items.Add((a, RegenerationCommands.InputKind.AssemblyListing));
        if (Inputs.GcTrace is { } g) items.Add((g, RegenerationCommands.InputKind.GcTrace));
        items.AddRange(Inputs.MemStats.Select(m => (m, RegenerationCommands.InputKind.MemStats)));
        var html = new System.Text.StringBuilder("<table>\n<thead><tr><th>input</th><th>commands</th></tr></thead>\n<tbody>\n");
        foreach (var group in items.GroupBy(i => RegenerationCommands.For(i.Path, i.Kind)))
            html.Append($"<tr><td>{Encode(string.Join(", ", group.Select(i => Path.GetFileName(i.Path.TrimEnd('/')))))}</td><td><pre>{Encode(group.Key)}</pre></td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        page.AddHtml(html.ToString());
        page.AddParagraph("This report: " + ReportCommand());
    }

    /// <summary>The <c>gomemlab report</c> command line that writes this report again.</summary>
    public string ReportCommand()
    {
        var parts = new List<string> { "gomemlab report" };
        parts.AddRange(Inputs.HeapProfiles.Select(h => "--heap " + h));
        if (Inputs.Escape is { } e) parts.Add("--escape " + e);
        if (Inputs.Assembly is { } a) parts.Add("--asm " + a);
        if (Inputs.GcTrace is { } g) parts.Add("--gctrace " + g);
        parts.AddRange(Inputs.MemStats.Select(m => "--memstats " + m));
        parts.Add("--out report.html");
        return string.Join(' ', parts);
    }

    private static string Wide(string table) => $"<div style=\"overflow-x:auto\">{table}</div>";

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}

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
    /// <summary>
    /// The command line that writes this report, shown verbatim under "Regenerate the inputs" (the CLI passes the one it was
    /// run with); null = one is composed from these inputs (<see cref="IncidentReport.ReportCommand"/>).
    /// </summary>
    public string? CommandLine { get; init; }

    /// <summary>What holds each leak suspect (a heap dump's roots); null = the report says a heap dump would name it.</summary>
    public ISuspectHolders? Holders { get; init; }
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
                page.AddHtml("<ol>" + string.Concat(Suspects.Select(SuspectItem)) + "</ol>");
                if (Inputs.Holders is null)
                    page.AddParagraph("Which variable or goroutine holds each suspect is not in a heap profile: a heap dump "
                        + "(runtime/debug.WriteHeapDump) names the root and the path that keep it alive.");
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
            if (MemStats is { } series)
            {
                page.AddHtml(Wide(TelemetryCards.ForMemStats(series,
                $"MemStats — {Path.GetFileName(series.Source)}").ToHtml())); charts++;
            }
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
    public void Save(string path)
    {
        _savedTo = path;
        File.WriteAllText(path, ToHtml());
    }

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
        // The profiled binary's name, for the commands that run it: the main mapping of the latest heap profile.
        var program = HeapProfiles.Count > 0 && HeapProfiles[^1].Mappings.FirstOrDefault()?.File is { Length: > 0 } main
            ? Path.GetFileName(main) : null;
        var html = new System.Text.StringBuilder("<table>\n<thead><tr><th>input</th><th>commands</th></tr></thead>\n<tbody>\n");
        foreach (var group in items.GroupBy(i => RegenerationCommands.For(i.Path, i.Kind, program)))
        {
            var names = string.Join(", ", group.Select(i => Path.GetFileName(i.Path.TrimEnd('/'))));
            html.Append($"<tr><td>{Encode(names)}</td><td><pre>{Encode(group.Key)}</pre></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        page.AddHtml(html.ToString());
        page.AddHtml($"<p>This report:</p>\n<pre>{Encode(ReportCommand())}</pre>\n");
    }

    private string? _savedTo;

    /// <summary>
    /// The command line that writes this report again: <see cref="IncidentReportInputs.CommandLine"/> when given, else one made
    /// from the inputs with the title (when not the default) and the file <see cref="Save"/> wrote (report.html before that).
    /// </summary>
    public string ReportCommand()
    {
        if (Inputs.CommandLine is { } given) return given;
        var parts = new List<string> { "gomemlab", "report" };
        foreach (var h in Inputs.HeapProfiles) parts.AddRange(["--heap", h]);
        if (Inputs.Escape is { } e) parts.AddRange(["--escape", e]);
        if (Inputs.Assembly is { } a) parts.AddRange(["--asm", a]);
        if (Inputs.GcTrace is { } g) parts.AddRange(["--gctrace", g]);
        foreach (var m in Inputs.MemStats) parts.AddRange(["--memstats", m]);
        if (Inputs.Title != new IncidentReportInputs().Title) parts.AddRange(["--title", Inputs.Title]);
        parts.AddRange(["--out", _savedTo ?? "report.html"]);
        return ShellWords.Join(parts);
    }

    // The suspect, why it is one, the usual remedy for its pattern and, with a heap dump, what holds it.
    private string SuspectItem(SiteLeakSuspect s)
    {
        var remedy = LeakRemedy.For(s);
        var holder = Inputs.Holders?.HeldBy(s);
        return $"<li><code>{Encode(s.Site.Site)}</code> in <code>{Encode(s.Site.Function)}</code>: {Encode(s.Reason)}<br>\n"
            + $"<strong>Looks like {Encode(remedy.Pattern.ToText())}</strong> ({Encode(remedy.Evidence)}). <strong>Usual "
            + $"remedy:</strong> {Encode(remedy.Remedy)}"
            + (holder is null ? "" : $"<br>\n<strong>Held by:</strong> <code>{Encode(holder)}</code>") + "</li>\n";
    }

    private static string Wide(string table) => $"<div style=\"overflow-x:auto\">{table}</div>";

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}

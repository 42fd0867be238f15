using GoMemLab.AssemblyListings;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Escape;
using GoMemLab.Goroutines;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Telemetry;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// Gives a file to one loader, the way a user would (by path), and describes what happened in one line:
/// "error: MESSAGE" with the path replaced by <c>{file}</c>, or "ok: …" with what was read and what was
/// skipped. Any exception other than <see cref="InputFormatException"/> escapes and fails the test.
/// </summary>
public static class BadInputOutcome
{
    /// <summary>The loaders a bad input can be given to, by the name used in the table.</summary>
    public static readonly IReadOnlyList<string> Loaders = ["pprof", "escape-text", "escape-json", "asm", "gctrace", "memstats",
        "notebook", "goroutines"];

    public static string Of(string loader, string path)
    {
        try
        {
            return "ok: " + Load(loader, path);
        }
        catch (InputFormatException e)
        {
            // A directory input (-json=0,DIR) names the file inside it that is wrong.
            Assert.StartsWith(path, e.File);
            return "error: " + e.Message.Replace(path, "{file}");
        }
    }

    private static string Load(string loader, string path)
    {
        switch (loader)
        {
            case "pprof":
                var profile = Profile.Load(path);
                var report = profile.SampleTypes.Count == 0 ? null : Top.Compute(profile);
                var top = report is null ? ""
                    : $"; top total {report.Total}: "
                        + string.Join(", ", report.Rows.Take(2).Select(r => $"{r.Name} flat {r.Flat} cum {r.Cum}"));
                return $"{profile.Samples.Count} samples, {profile.Locations.Count} locations{top}";
            // One loader for both forms: EscapeLog.Load reads a directory as -json=0,DIR and a file as -m text.
            case "escape-text" or "escape-json":
                return Describe(EscapeLog.Load(path));
            case "asm":
                return $"{AssemblyListing.Load(path).Calls.Count} allocation calls";
            case "gctrace":
                var trace = GcTrace.Load(path);
                trace.ToDataFrame();
                return $"{trace.Lines.Count} gcs of {trace.TotalLines} lines; {trace.Skipped.Describe()}".TrimEnd(' ', ';');
            case "memstats":
                var series = MemStatsSeries.Load(path);
                series.ToDataFrame();
                return $"{series.Snapshots.Count} snapshots; {series.Skipped.Describe()}".TrimEnd(' ', ';');
            case "notebook":
                var notebook = JupyterNotebook.Load(path);
                return $"{notebook.Cells.Count} cells, {string.Concat(notebook.Cells.Select(c => c.Source)).Length} source chars, "
                    + $"language {notebook.DefaultLanguage}";
            case "goroutines":
                var dump = GoroutineDump.Load(path);
                dump.ToDataFrame();
                var groups = string.Join(", ", dump.ByStart().Rows.Take(3).Select(r => $"{r.Key} {r.Count}"));
                var states = dump.HasGoroutineDetail ? "; states: " + string.Join(", ",
                    dump.ByState().Rows.Select(r => $"{r.Key} {r.Count}")) : "";
                return $"{dump.Total} goroutines, {dump.Form.ToText()}; {groups}{states}; {dump.Skipped.Describe()}".TrimEnd(' ', ';');
            default:
                throw new ArgumentOutOfRangeException(nameof(loader), loader, "unknown loader");
        }
    }

    private static string Describe(EscapeLog log)
    {
        log.ToDataFrame();
        var kinds = string.Join(", ", log.CountByKind().OrderBy(k => k.Key.ToString(),
            StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"));
        return $"{log.Diagnostics.Count} diagnostics ({kinds}), {log.FlowStepCount} flow steps, {log.UnpositionedLines} unpositioned lines";
    }
}

using GoMemLab.AssemblyListings;
using GoMemLab.Cli.Notebooks;
using GoMemLab.Escape;
using GoMemLab.Goroutines;
using GoMemLab.HeapDumps;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Ssa;
using GoMemLab.Telemetry;

namespace GoMemLab.Fuzz;

/// <summary>
/// One fuzz target per parser: each takes arbitrary bytes, parses them through the public API and then
/// touches what a user would look at next (tables, summaries), because a parser that accepts a damaged
/// file must still hand back a model every analysis can use. A target lets every exception escape; the
/// caller (<see cref="FuzzRunner"/>) forgives <see cref="Inputs.InputFormatException"/> only.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Target name → the work done for one input.</summary>
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["pprof"] = Profile,
        ["pprof-legacy"] = Profile,
        ["escape-text"] = EscapeText,
        ["escape-json"] = EscapeJson,
        ["asm"] = Assembly,
        ["gctrace"] = GcTraceLog,
        ["memstats"] = MemStats,
        ["prometheus"] = Prometheus,
        ["notebook"] = Notebook,
        ["heapdump"] = HeapDumpFile,
        ["ssa"] = SsaPage,
        ["goroutines"] = Goroutines,
    };

    private static void Profile(byte[] input)
    {
        var profile = GoMemLab.Profiles.Profile.Parse(input, "fuzz.pb");
        // A profile without sample types (and so without samples) is valid, but Top documents an
        // ArgumentException for it (there is no sample index to choose); the CLI reports that as usage.
        if (profile.SampleTypes.Count > 0) Top.Compute(profile);
    }

    private static void EscapeText(byte[] input) => Touch(EscapeLog.Parse(input, "fuzz.log"));

    // The -json reader takes a directory (one file per source file), so the input becomes that one file.
    private static void EscapeJson(byte[] input)
    {
        var directory = ScratchDirectory("escape-json");
        File.WriteAllBytes(Path.Combine(directory, "fuzz.json"), input);
        Touch(EscapeLog.Load(directory));
    }

    private static void Touch(EscapeLog log)
    {
        log.ToDataFrame();
        log.StepsToDataFrame();
        log.CountByKind();
    }

    private static void Assembly(byte[] input)
    {
        var listing = AssemblyListing.Parse(input, "fuzz.s");
        listing.CallsByFunction();
    }

    private static void GcTraceLog(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var trace = GcTrace.Load(stream, "fuzz.log");
        trace.ToDataFrame();
        trace.Summary().ToDataFrame();
    }

    private static void MemStats(byte[] input)
    {
        var series = MemStatsSeries.Parse(input, "fuzz.json");
        series.ToDataFrame();
        series.Summary().ToDataFrame();
        series.Verdicts().ToDataFrame();
    }

    // The exposition reader on its own, then the whole road from a scrape to the MemStats tables.
    private static void Prometheus(byte[] input)
    {
        var text = System.Text.Encoding.UTF8.GetString(input);
        foreach (var sample in GoMemLab.Telemetry.Prometheus.PrometheusText.Parse(text, "fuzz.prom",
            out _)) _ = sample.SeriesKey("quantile");
        MemStats(input);
    }

    // Every form goes through one entry (protobuf via ProfileLoader, debug=1, debug=2 and tracebacks streamed);
    // then what a user looks at next: the groupings the form allows and the per-goroutine table.
    private static void Goroutines(byte[] input)
    {
        var dump = GoroutineDump.Parse(input, "fuzz.txt");
        dump.ByStart();
        dump.ToDataFrame();
        if (!dump.HasGoroutineDetail) return;
        dump.ByCreation();
        dump.ByState();
        for (var i = 0; i < Math.Min(dump.Goroutines!.Count, 100); i++) dump.Goroutines.Arguments(i);
    }

    private static void Notebook(byte[] input)
    {
        var path = Path.Combine(ScratchDirectory("notebook"), "fuzz.ipynb");
        File.WriteAllBytes(path, input);
        var notebook = JupyterNotebook.Load(path);
        _ = notebook.DefaultLanguage;
        foreach (var cell in notebook.Cells)
        {
            _ = cell.IsCode;
            _ = cell.Source;
            _ = cell.Tags;
            _ = cell.Language;
        }
    }

    // The reader takes a file (a dump is never held in memory whole), so the input becomes that file; then every
    // analysis a user runs next, on whatever graph the damaged input still describes.
    private static void HeapDumpFile(byte[] input)
    {
        var path = Path.Combine(ScratchDirectory("heapdump"), "fuzz.dump");
        File.WriteAllBytes(path, input);
        var dump = HeapDump.Load(path);
        dump.Info();
        dump.RootRetention();
        dump.Dominators(2, 5);
        dump.LeakSuspects();
        var sites = dump.SiteRetention();
        if (sites.Rows.Count > 0)
        {
            dump.PathToSite(sites.Rows[0].Site);
            dump.MergedPathsToSite(sites.Rows[0].Site);
            dump.HoldersOf(sites.Rows[0].Site);
        }
        foreach (var goroutine in dump.Goroutines) dump.RetainedByGoroutine(goroutine.Id);
    }

    private static void SsaPage(byte[] input)
    {
        var dump = SsaHtmlReader.Read(input, "fuzz.html");
        dump.Passes().ToDataFrame();
        SsaTables.ToDataFrame(dump.CallsTo("runtime.newobject"));
        SsaTables.ToDataFrame(dump.HeapNames());
    }

    // One directory per process and target, reused for every input: AFL runs many inputs per process.
    private static string ScratchDirectory(string target)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var directory = Path.Combine(root, $"gomemlab-fuzz-{System.Environment.ProcessId}-{target}");
        Directory.CreateDirectory(directory);
        return directory;
    }
}

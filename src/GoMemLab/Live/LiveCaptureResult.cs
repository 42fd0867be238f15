using System.Globalization;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Live;

/// <summary>One heap profile of a capture: its offset from the program's start, and where it came from (the URL fetched or the file
/// read).</summary>
public sealed record CapturedHeapProfile(TimeSpan At, Profile Profile, string Source = "");

/// <summary>What a <see cref="LiveCapture"/> collected.</summary>
/// <param name="GcTrace">The program's gctrace (null when it printed no gctrace line; see <paramref name="Problems"/>).</param>
/// <param name="HeapProfiles">Heap profiles in time order: fetched from the pprof server, then the files collected.</param>
/// <param name="PprofUrl">The pprof base URL used, or null.</param>
/// <param name="Stopped">True when the capture stopped the program (time up or cancelled) rather than the program exiting.</param>
/// <param name="Problems">Things that went wrong but did not stop the capture (a failed profile fetch, no gctrace), one line each.</param>
/// <param name="Options">What the capture was asked to do (for the explanations below).</param>
public sealed record LiveCaptureResult(
    string Program, GcTrace? GcTrace, IReadOnlyList<CapturedHeapProfile> HeapProfiles, string? PprofUrl,
    int ExitCode, bool Stopped, TimeSpan Elapsed, string StandardOutput, IReadOnlyList<string> Problems, LiveCaptureOptions? Options = null)
{
    /// <summary>
    /// The shortest stretch of gctrace a live-heap trend is called on. In its first seconds every program's heap grows to its
    /// working set; a rate per minute extrapolated from a run shorter than this (a 1.3 s batch job read "+8059 MB/min") says
    /// nothing about a leak.
    /// </summary>
    /// <summary>The heap dump saved during the run (<see cref="LiveCaptureOptions.HeapDumpFile"/>); null when none was asked for or it
    /// failed (see <see cref="Problems"/>).</summary>
    public string? HeapDumpFile { get; init; }

    /// <summary>When the heap dump was fetched, from the start of the run.</summary>
    public TimeSpan? HeapDumpAt { get; init; }

    public static readonly TimeSpan MinimumTrendSpan = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The telemetry verdict on the live heap after each GC (<see cref="Telemetry.GcTrace.LiveHeapTrend"/>); null without gctrace.
    /// When <see cref="TooShortToCall"/> says why, the verdict is <see cref="LeakVerdict.InsufficientData"/> with no rate.
    /// </summary>
    public LeakSignal? LiveHeapTrend => GcTrace is null || GcTrace.Lines.Count == 0 ? null
        : TooShortToCall is null ? GcTrace.LiveHeapTrend()
        : GcTrace.LiveHeapTrend() with
        {
            Verdict = LeakVerdict.InsufficientData,
            Slope = double.NaN,
            Change = double.NaN,
            RSquared = double.NaN,
        };

    /// <summary>
    /// "too short to call: …" when the gctrace has fewer than <see cref="LeakSignal.MinimumPoints"/> GCs or spans less than
    /// <see cref="MinimumTrendSpan"/>, saying which; null when a trend can be called (or there is no gctrace).
    /// </summary>
    public string? TooShortToCall
    {
        get
        {
            if (GcTrace is not { Lines.Count: > 0 } trace) return null;
            var gcs = trace.Lines.Count;
            var span = trace.Lines[^1].AtSeconds - trace.Lines[0].AtSeconds;
            if (gcs >= LeakSignal.MinimumPoints && span >= MinimumTrendSpan.TotalSeconds) return null;
            return string.Create(CultureInfo.InvariantCulture,
                $"too short to call: {gcs} GC{(gcs == 1 ? "" : "s")} over {span:0.0} s; a live-heap trend needs at least "
                    + $"{LeakSignal.MinimumPoints} GCs "
                + $"over {MinimumTrendSpan.TotalSeconds:0} s (in its first seconds every heap grows). Run the program longer, or loop "
                + $"its work");
        }
    }

    /// <summary>Why <see cref="HeapProfiles"/> is empty, in one line; null when it is not.</summary>
    public string? NoHeapProfilesReason
    {
        get
        {
            if (HeapProfiles.Count > 0) return null;
            var collect = Options?.Collect is { } pattern ? $", and no file matching {pattern} was written during the run"
                : ", and no profile files were to be collected";
            if (Options is { HeapEvery.Ticks: <= 0 }) return $"no heap profiles: none were to be fetched{collect}";
            if (PprofUrl is null)
                return $"no heap profiles: no pprof endpoint answered (the program printed no 'listening on http://…' line and none was "
                    + $"given){collect}";
            if (Problems.Any(p => p.Contains(PprofUrl, StringComparison.Ordinal)))
                return $"no heap profiles: the pprof endpoint at {PprofUrl} did not answer (see the problems){collect}";
            return string.Create(CultureInfo.InvariantCulture,
                $"no heap profiles: the program ended after {Elapsed.TotalSeconds:0.0} s, before the first profile was due{collect}");
        }
    }

    /// <summary>
    /// The heap profiles as a series: at_s, inuse_space, alloc_space, inuse_objects (pprof's totals of each profile,
    /// <see cref="Top.ComputeTotal"/>), source (the URL or file), one row per profile in time order.
    /// </summary>
    public DataFrame HeapSeries() => new(
        new DoubleDataFrameColumn("at_s", HeapProfiles.Select(h => h.At.TotalSeconds)),
        new Int64DataFrameColumn("inuse_space", HeapProfiles.Select(h => h.Profile.Total("inuse_space"))),
        new Int64DataFrameColumn("alloc_space", HeapProfiles.Select(h => h.Profile.Total("alloc_space"))),
        new Int64DataFrameColumn("inuse_objects", HeapProfiles.Select(h => h.Profile.Total("inuse_objects"))),
        new StringDataFrameColumn("source", HeapProfiles.Select(h => h.Source)));

    /// <summary>The extra environment the program ran with (<see cref="LiveCaptureOptions.Environment"/>), e.g. GOGC=50.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>What each column of <see cref="HeapSeries"/> means.</summary>
    public static IReadOnlyDictionary<string, string> HeapSeriesColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["at_s"] = "Seconds since the program started when the heap profile was taken.",
        ["inuse_space"] = "Total inuse_space of the profile (bytes live as of the last GC).",
        ["alloc_space"] = "Total alloc_space of the profile (bytes allocated since start).",
        ["inuse_objects"] = "Total inuse_objects of the profile.",
        ["source"] = "Where the profile came from: the pprof URL fetched or the file the program wrote.",
    };
}

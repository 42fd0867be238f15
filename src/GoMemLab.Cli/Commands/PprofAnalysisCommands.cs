using System.CommandLine;
using GoMemLab.Charts;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tables;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab pprof compare|trend|flame`: the heap analyses over profiles, added to the `pprof` group by
/// <see cref="PprofCommands"/>. Each loads with <see cref="Profile.LoadAsync(string, CancellationToken)"/> and prints an analysis's table
/// (or writes an offline chart page); no analysis lives here.
/// </summary>
public static class PprofAnalysisCommands
{
    public static IEnumerable<Command> Create() => [CompareCommand(), TrendCommand(), FlameCommand()];

    private static Command CompareCommand()
    {
        var source = new Argument<string>("profile")
        {
            Description = "Heap profile file or URL (e.g. http://127.0.0.1:6060/debug/pprof/heap).",
        };
        var cum = new Option<bool>("--cum")
        {
            Description = "Cumulative values (function anywhere on the stack) instead of flat (the allocation site).",
        };
        var suspects = new Option<bool>("--suspects")
        {
            Description = "Only the leak suspects: flat inuse_space ≥ 1% of the total and retention ≥ 0.5.",
        };
        var (focus, ignore) = Filters();
        var format = CommonOptions.Format();
        var chart = new Option<string?>("--chart")
        {
            Description = "Also write the alloc-vs-inuse bars and the retention scatter to this offline HTML page.",
        };
        var command = new Command("compare",
            "alloc_space, alloc_objects, inuse_space, inuse_objects, retention ratio and average object size per function (flat values of "
                + "`go tool pprof -top` per sample index).")
        {
            source, cum, suspects, focus, ignore, format, chart,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var profile = await CliProfiles.LoadAsync(parse.GetValue(source)!, cancel);
            var filter = new ProfileFilter { Focus = parse.GetValue(focus), Ignore = parse.GetValue(ignore) };
            if (parse.GetValue(suspects) && parse.GetValue(cum)) throw new ArgumentException("--suspects uses flat values; drop --cum");
            IReadOnlyList<AllocVsInuseRow> rows;
            ITableResult table;
            if (parse.GetValue(suspects))
            {
                var found = profile.LeakSuspects(null, filter);
                (rows, table) = (found.Rows, found);
            }
            else
            {
                var all = profile.AllocVsInuse(parse.GetValue(cum), filter);
                (rows, table) = (all.Rows, all);
            }
            if (parse.GetValue(chart) is { } page)
                ChartHtml.WritePage(page, $"Allocated vs still in use — {Path.GetFileName(profile.Source)}",
                    ProfileCharts.AllocVsInuseBars(rows), ProfileCharts.RetentionScatter(rows));
            return CommonOptions.Print(table.ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }

    private static Command TrendCommand()
    {
        var sources = new Argument<string[]>("profiles")
        {
            Description = "Three or more snapshots of the same program (files or URLs), any order: they are ordered by their time stamps.",
            Arity = ArgumentArity.OneOrMore,
        };
        var sampleIndex = new Option<string?>("--sample-index")
        {
            Description = "Sample type to follow (default: inuse_space for heap profiles).",
        };
        var cum = new Option<bool>("--cum") { Description = "Cumulative values instead of flat." };
        var series = new Option<bool>("--series")
        {
            Description = "Print the values per function and snapshot (long table) instead of the ranking.",
        };
        var (focus, ignore) = Filters();
        var format = CommonOptions.Format();
        var command = new Command("trend",
            "Rank functions by growth across snapshots: least-squares slope per minute over the profiles' time stamps, R², first "
                + "and last values.")
        {
            sources, sampleIndex, cum, series, focus, ignore, format,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var profiles = new List<Profile>();
            foreach (var path in parse.GetValue(sources)!) profiles.Add(await CliProfiles.LoadAsync(path, cancel));
            var filter = new ProfileFilter { Focus = parse.GetValue(focus), Ignore = parse.GetValue(ignore) };
            var trend = HeapTrend.Compute(profiles, parse.GetValue(sampleIndex), filter, parse.GetValue(cum));
            return CommonOptions.Print(parse.GetValue(series) ? trend.PointsToDataFrame() : trend.ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }

    private static Command FlameCommand()
    {
        var source = new Argument<string>("profile") { Description = "Profile file or URL." };
        var output = new Option<string>("--out")
        {
            Description = "The HTML file to write (self-contained, works offline).",
            Required = true,
        };
        var sampleIndex = new Option<string?>("--sample-index")
        {
            Description = "Sample type (default: the profile's default, inuse_space for heap).",
        };
        var diffBase = new Option<string?>("--diff-base")
        {
            Description = "Draw the diff against this profile: width = both, red = grew, green = shrank.",
        };
        var minimumShare = new Option<double>("--min-share")
        {
            Description = "Leave out boxes under this fraction of the total (default 0.001).",
            DefaultValueFactory = _ => 0.001,
        };
        var (focus, ignore) = Filters();
        var command = new Command("flame",
            "Write a flame graph (plotly icicle: root at the top, allocating leaves at the bottom) as an offline HTML page.")
        {
            source, output, sampleIndex, diffBase, minimumShare, focus, ignore,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var path = parse.GetValue(source)!;
            var profile = await CliProfiles.LoadAsync(path, cancel);
            // --diff-base names the before profile; the positional one is the after.
            if (parse.GetValue(diffBase) is { } basePath)
                profile = ProfileDiff.Compare(await CliProfiles.LoadAsync(basePath, cancel), profile);
            if (parse.GetValue(minimumShare) is < 0 or >= 1) throw new ArgumentException("--min-share must be in [0, 1)");
            var loaded = new LoadedProfile(profile, parse.GetValue(sampleIndex), new ProfileFilter
            {
                Focus = parse.GetValue(focus),
                Ignore = parse.GetValue(ignore),
            });
            var outPath = parse.GetValue(output)!;
            var page = new OfflineHtmlPage($"Flame graph of {Path.GetFileName(path)}");
            page.AddParagraph(loaded.ToString());
            page.AddChart(loaded.FlameChart());
            page.Save(outPath);
            Console.Error.WriteLine($"gomemlab: wrote {outPath}");
            return 0;
        }));
        return command;
    }

    private static (Option<string?> Focus, Option<string?> Ignore) Filters() =>
        (new Option<string?>("--focus") { Description = "Only samples with a frame matching this regex (function or file name)." },
         new Option<string?>("--ignore") { Description = "Drop samples with a frame matching this regex." });
}

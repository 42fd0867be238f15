using System.CommandLine;
using System.Globalization;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab pprof top|info` (and compare|trend|flame from <see cref="PprofAnalysisCommands"/>): pprof profiles (files or
/// net/http/pprof URLs).</summary>
public static class PprofCommands
{
    public static Command Create()
    {
        var command = new Command("pprof", "Read pprof profiles (heap, CPU, goroutine; protobuf or debug=1 heap text; file or http URL).");
        command.Subcommands.Add(TopCommand());
        command.Subcommands.Add(InfoCommand());
        foreach (var analysis in PprofAnalysisCommands.Create()) command.Subcommands.Add(analysis);
        return command;
    }

    private static Command TopCommand()
    {
        var source = new Argument<string>("profile")
        {
            Description = "Profile file (.pb.gz, .pb, debug=1 heap text) or URL such as http://127.0.0.1:6060/debug/pprof/heap.",
        };
        var sampleIndex = new Option<string?>("--sample-index")
        {
            Description = "Sample type, e.g. alloc_space, inuse_objects (default: the profile's default, inuse_space for heap).",
        };
        var granularity = new Option<Granularity>("--granularity")
        {
            Description = "Node granularity: functions, lines, files or addresses.",
            DefaultValueFactory = _ => Granularity.Functions,
        };
        var diffBase = new Option<string?>("--diff-base")
        {
            Description = "Subtract this profile (pprof -diff_base); percentages are of the base total.",
        };
        var focus = new Option<string?>("--focus")
        {
            Description = "Only samples with a frame matching this regex (function or file name).",
        };
        var ignore = new Option<string?>("--ignore") { Description = "Drop samples with a frame matching this regex." };
        var hide = new Option<string?>("--hide") { Description = "Remove frames matching this regex from the stacks." };
        var nodeCount = new Option<int>("--nodecount") { Description = "Show at most N nodes (0: all).", DefaultValueFactory = _ => 0 };
        var progress = new Option<bool>("--progress")
        {
            Description = "Show loading progress from the start, in a pipe too (by default: a bar on a terminal, lines when a load takes "
                + "over a second).",
        };
        var format = CommonOptions.Format();
        var command = new Command("top",
            "Flat and cumulative values per function/line/file, identical to `go tool pprof -top -nodefraction=0`.")
        {
            source, sampleIndex, granularity, diffBase, focus, ignore, hide, nodeCount, progress, format,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            if (parse.GetValue(nodeCount) < 0) throw new ArgumentException("--nodecount must be 0 (all) or positive");
            var always = parse.GetValue(progress);
            var profile = await CliProfiles.LoadAsync(parse.GetValue(source)!, cancel, always);
            // --diff-base names the before profile; the positional one is the after.
            if (parse.GetValue(diffBase) is { } basePath)
                profile = ProfileDiff.Compare(await CliProfiles.LoadAsync(basePath, cancel, always), profile);
            var report = profile.Top(new TopOptions
            {
                SampleIndex = parse.GetValue(sampleIndex),
                Granularity = parse.GetValue(granularity),
                Filter = new ProfileFilter { Focus = parse.GetValue(focus), Ignore = parse.GetValue(ignore), Hide = parse.GetValue(hide) },
                NodeCount = parse.GetValue(nodeCount),
            });
            WarnUnmatched(report, parse.GetValue(focus), parse.GetValue(ignore), parse.GetValue(hide));
            var tableFormat = parse.GetValue(format);
            var frame = report.ToContractDataFrame();
            if (tableFormat == TableFormat.Table) frame.Columns.Add(report.ToDataFrame().Columns["partial_inline"]);
            return CommonOptions.Print(frame, tableFormat);
        }));
        return command;
    }

    private static Command InfoCommand()
    {
        var source = new Argument<string>("profile") { Description = "Profile file or URL." };
        var format = CommonOptions.Format();
        var command = new Command("info",
            "Sample types and units, sample count, time, duration, period and default sample type of a profile.")
        {
            source,
            format,
        };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var profile = await CliProfiles.LoadAsync(parse.GetValue(source)!, cancel);
            return CommonOptions.Print(ProfileSummary.ToDataFrame(profile), parse.GetValue(format));
        }));
        return command;
    }

    private static void WarnUnmatched(TopReport report, string? focus, string? ignore, string? hide)
    {
        // pprof prints the same warnings; they explain an empty or unchanged table.
        if (!report.FocusMatched) Console.Error.WriteLine($"gomemlab: no frame matches --focus {focus}");
        if (!report.IgnoreMatched) Console.Error.WriteLine($"gomemlab: no frame matches --ignore {ignore}");
        if (!report.HideMatched) Console.Error.WriteLine($"gomemlab: no frame matches --hide {hide}");
    }
}

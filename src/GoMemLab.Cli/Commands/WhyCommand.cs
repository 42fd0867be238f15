using System.CommandLine;
using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.HeapDumps;
using GoMemLab.Joins;
using GoMemLab.Profiles;
using Microsoft.Data.Analysis;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab why HEAP [--escape LOG_OR_DIR] [--asm ASM]`: why each heap-profile allocation site is on the heap.</summary>
public static class WhyCommand
{
    public static Command Create()
    {
        var heap = new Argument<string>("HEAP") { Description = "A heap profile (file or http URL of /debug/pprof/heap)." };
        var escape = new Option<string?>("--escape") { Description = "The -m/-m=2 log (or -json=0,DIR) of the profiled source." };
        var asm = new Option<string?>("--asm") { Description = "The -S listing of the same source." };
        var unsampled = new Option<bool>("--unsampled")
        {
            Description = "Also list lines the listing or log shows allocating that the profile did not sample.",
        };
        var unexplained = new Option<bool>("--unexplained") { Description = "Only the sites the join could not explain, with the reason." };
        var heapDump = HeapDumpHolderOption();
        var binary = HeapDumpCommands.BinaryOption();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("why",
            "Why is this on the heap: allocation sites of a heap profile joined with escape decisions and assembly allocation calls.")
            { heap, escape, asm, unsampled, unexplained, heapDump, binary, format, output };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var profile = await CliProfiles.LoadAsync(parse.GetValue(heap)!, cancel);
            var log = parse.GetValue(escape) is { } e ? EscapeLog.Load(e, cancel) : null;
            var listing = parse.GetValue(asm) is { } a ? AssemblyListing.Load(a, cancel) : null;
            var rows = WhyOnHeap.Join(profile, log, listing, parse.GetValue(unsampled));
            if (parse.GetValue(unexplained)) rows = [.. rows.Where(r => r.Status == WhyOnHeapStatus.Unexplained)];
            var table = WhyOnHeap.ToDataFrame(rows);
            if (parse.GetValue(heapDump) is { } dumpPath)
            {
                var holders = new HeapDumpHolders(await HeapDumpCommands.LoadAsync(dumpPath, parse.GetValue(binary), cancel));
                table.Columns.Add(new StringDataFrameColumn("held_by", rows.Select(r => holders.HeldBy(r.Site) ?? "")));
            }
            return CommonOptions.Print(table, parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }

    /// <summary>--heapdump of why and report: a heap dump of the same program, for what holds each site.</summary>
    internal static Option<string?> HeapDumpHolderOption() => new("--heapdump")
    {
        Description = "A heap dump of the same program (runtime/debug.WriteHeapDump; file, .gz or URL): adds what holds each site "
            + "(the root keeping most of its objects alive, and the path from it). --binary names global roots.",
    };
}

using System.CommandLine;
using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.Joins;
using GoMemLab.Profiles;

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
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("why",
            "Why is this on the heap: allocation sites of a heap profile joined with escape decisions and assembly allocation calls.")
            { heap, escape, asm, unsampled, unexplained, format, output };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var profile = await CliProfiles.LoadAsync(parse.GetValue(heap)!, cancel);
            var log = parse.GetValue(escape) is { } e ? EscapeLog.Load(e, cancel) : null;
            var listing = parse.GetValue(asm) is { } a ? AssemblyListing.Load(a, cancel) : null;
            var rows = WhyOnHeap.Join(profile, log, listing, parse.GetValue(unsampled));
            if (parse.GetValue(unexplained)) rows = [.. rows.Where(r => r.Status == WhyOnHeapStatus.Unexplained)];
            return CommonOptions.Print(WhyOnHeap.ToDataFrame(rows), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }
}

using System.CommandLine;
using GoMemLab.AssemblyListings;
using GoMemLab.Escape;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab asm allocs|crosscheck`: allocation calls in `go build -gcflags=-S` output.</summary>
public static class AsmCommands
{
    public static Command Create()
    {
        var command = new Command("asm", "Read -S assembly listings (go build -gcflags=-S).");
        command.Subcommands.Add(Allocs());
        command.Subcommands.Add(CrossCheck());
        return command;
    }

    private static Argument<string> Listing() => new("ASM") { Description = "The listing: stderr of go build -gcflags=-S." };

    private static Command Allocs()
    {
        var asm = Listing();
        var byFunction = new Option<bool>("--by-function")
        {
            Description = "Count calls per function and runtime function instead of listing each.",
        };
        var format = CommonOptions.Format();
        var command = new Command("allocs",
            "Calls to runtime allocation functions (newobject, makeslice, growslice, convT*, …) per source line.")
        {
            asm,
            byFunction,
            format,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var listing = AssemblyListing.Load(parse.GetValue(asm)!);
            var frame = parse.GetValue(byFunction) ? listing.CallsByFunction() : listing.ToDataFrame();
            return CommonOptions.Print(frame, parse.GetValue(format));
        }));
        return command;
    }

    private static Command CrossCheck()
    {
        var asm = Listing();
        var log = new Argument<string>("LOG_OR_DIR") { Description = "The -m/-m=2 log (or -json=0,DIR) of the same build." };
        var mismatches = new Option<bool>("--mismatches") { Description = "Only lines where decision and calls disagree." };
        var format = CommonOptions.Format();
        var command = new Command("crosscheck", "Join heap escape decisions with allocation calls by file:line.")
        {
            asm,
            log,
            mismatches,
            format,
        };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var result = EscapeAllocationCrossCheck.Compare(EscapeLog.Load(parse.GetValue(log)!),
                AssemblyListing.Load(parse.GetValue(asm)!));
            if (parse.GetValue(mismatches))
                result = new EscapeAllocationCrossCheck.Result([.. result.Rows.Where(r => r.Status != CrossCheckStatus.Agree)]);
            return CommonOptions.Print(result.ToDataFrame(), parse.GetValue(format));
        }));
        return command;
    }
}

using System.CommandLine;
using GoMemLab.Ssa;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// `gomemlab ssa DIR --func F [--package P] [--gcflags G] [--out ssa.html]` (or `gomemlab ssa SAVED.html`): the compiler's
/// SSA phases of one function, one row per pass with its value counts, or `--calls NAME`: where a call appears.
/// </summary>
public static class SsaCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("DIR_OR_HTML")
        {
            Description = "A Go module or package directory to build with GOSSAFUNC, or an "
            + "ssa.html saved earlier."
        };
        var function = new Option<string?>("--func")
        {
            Description = "The function to dump (GOSSAFUNC): NewPoint, (*T).M, pkg.F, a "
            + "closure F.func1. Required with a directory."
        };
        var package = new Option<string>("--package")
        {
            Description = "The package to build, relative to DIR (one pattern).",
            DefaultValueFactory = _ => ".",
        };
        var gcflags = new Option<string?>("--gcflags")
        {
            Description = "Extra compiler flags, e.g. -l (no inlining); passed as "
            + "-gcflags=VALUE."
        };
        var outFile = new Option<string?>("--out")
        {
            Description = "Write the ssa.html the compiler produced here (source paths shown "
            + "relative to DIR)."
        };
        var calls = new Option<string?>("--calls")
        {
            Description = "Instead of the pass table, list where a call to this function "
            + "appears, phase by phase, e.g. runtime.newobject."
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("ssa",
            "Run GOSSAFUNC=F go build (no shell, nothing written into DIR) and print one row per SSA pass with the function's "
            + "blocks, values and calls after it; keep the ssa.html with --out.") { target, function, package, gcflags, outFile, calls,
                format, output };
        command.SetAction((parse, cancel) => CliRun.GuardAsync(async () =>
        {
            var path = parse.GetValue(target)!;
            SsaDump dump;
            if (File.Exists(path))
                dump = SsaDump.Load(path, cancel);
            else
            {
                var name = parse.GetValue(function)
                    ?? throw new ArgumentException("--func is required to build a directory (the function GOSSAFUNC dumps)");
                Console.Error.WriteLine($"gomemlab ssa: GOSSAFUNC={name} go build in {path} (recompiles the standard library: 10-30 s)…");
                var build = await GoSsaBuild.RunAsync(path, name, parse.GetValue(package)!, parse.GetValue(gcflags), path, cancel: cancel);
                foreach (var other in build.Pages.Skip(1)) Console.Error.WriteLine($"gomemlab ssa: GOSSAFUNC={name} also matched "
                    + $"{other.Package}.{other.Function} (not shown)");
                if (parse.GetValue(outFile) is { } save)
                {
                    await File.WriteAllTextAsync(save, build.Main.Html, cancel);
                    Console.Error.WriteLine($"gomemlab ssa: wrote {save}");
                }
                dump = build.Load(cancel);
            }
            if (parse.GetValue(calls) is { } callee)
                return CommonOptions.Print(SsaTables.ToDataFrame(dump.CallsTo(callee)), parse.GetValue(format), parse.GetValue(output));
            Console.Error.Write(Reports.SsaCard.For(dump, $"ssa — {dump.Function}", includePasses: false).ToString());
            return CommonOptions.Print(dump.Passes().ToDataFrame(), parse.GetValue(format), parse.GetValue(output));
        }));
        return command;
    }
}

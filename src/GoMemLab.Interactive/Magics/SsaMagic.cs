using GoMemLab.Charts;
using GoMemLab.Reports;
using GoMemLab.Ssa;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!ssa DIR --func F [--package P] [--gcflags G] [--name VAR] [--save FILE]`: the compiler's SSA phases of one function,
/// embedded.</summary>
public sealed class ShowSsa : MagicCommand
{
    public string? Dir { get; set; }
    public string? Func { get; set; }
    public string? Package { get; set; }
    public string? Gcflags { get; set; }
    public string? Name { get; set; }
    public string? Save { get; set; }
}

public static class SsaMagic
{
    public const string Example = "#!ssa ../data/go/leaky --package ./escape --func NewPoint --name newPoint";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!ssa")
    {
        Description = "Run GOSSAFUNC=F go build in a module directory (no shell, nothing written into it; the standard library is "
            + "recompiled, "
            + "10-30 s) and show the ssa.html the compiler writes, embedded and working, with a card and one row per SSA pass. The "
                + "SsaDump lands "
            + "in a variable (.Passes(), .CallsTo(\"runtime.newobject\"), .HeapNames()).",
        Parameters =
        {
            new KernelDirectiveParameter("--dir",
                "The module directory to build in (relative to the notebook).") { AllowImplicitName = true },
            new KernelDirectiveParameter("--func", "The function (GOSSAFUNC): NewPoint, (*T).M, a closure F.func1."),
            new KernelDirectiveParameter("--package", "The package to build, relative to the directory (default .)."),
            new KernelDirectiveParameter("--gcflags", "Extra compiler flags, e.g. -l to keep the function from being inlined."),
            new KernelDirectiveParameter("--name", "The C# variable to store the SsaDump in (default: from the function name)."),
            new KernelDirectiveParameter("--save", "Also write the ssa.html to this file (relative to the notebook)."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<ShowSsa>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Dir)) throw new ArgumentException("missing DIR of a Go module to build");
                if (string.IsNullOrWhiteSpace(command.Func)) throw new ArgumentException("missing --func, the function GOSSAFUNC dumps");
                var status = KernelInvocationContextExtensions.Display(context,
                    (object)$"GOSSAFUNC={command.Func} go build … (recompiles the standard library)", PlainTextFormatter.MimeType);
                var build = await GoSsaBuild.RunAsync(MagicKit.ResolvePath(command.Dir), command.Func, command.Package ?? ".",
                    command.Gcflags,
                    command.Dir.TrimEnd('/'), line => status.Update($"GOSSAFUNC={command.Func}: {line}"), context.CancellationToken);
                var dump = build.Load(context.CancellationToken);
                status.Update($"GOSSAFUNC={command.Func} go {string.Join(' ', build.Arguments)}: {dump.Columns.Count} SSA columns"
                    + string.Concat(build.Pages.Skip(1).Select(p => $"; also matched {p.Package}.{p.Function} (not shown)")));
                if (command.Save is { } save) await File.WriteAllTextAsync(MagicKit.ResolvePath(save), build.Main.Html,
                    context.CancellationToken);
                var name = MagicKit.VariableName(command.Name, command.Func, "ssa");
                await MagicKit.DefineVariableAsync(kernel, name, dump, typeof(Microsoft.Data.Analysis.DataFrame));
                context.Display(SsaCard.For(dump, $"ssa — {dump.Function} ({build.Main.Package}) → {name}"));
                context.DisplayAs(SsaPageView.ToHtml(build.Main.Html, $"GOSSAFUNC={command.Func}", savedAs: command.Save),
                    HtmlFormatter.MimeType);
            }));
    }
}

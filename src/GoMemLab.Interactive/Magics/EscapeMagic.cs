using GoMemLab.Charts;
using GoMemLab.Escape;
using GoMemLab.Reports;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!escape PATH [--name VAR] [--expect DIR_OR_FILE.go] [--source FILE.go]`: load an escape-analysis log.</summary>
public sealed class LoadEscape : MagicCommand
{
    public string? Path { get; set; }
    public string? Name { get; set; }
    public string? Expect { get; set; }
    public string? Source { get; set; }
}

public static class EscapeMagic
{
    public const string Example = "#!escape ../data/artifacts/escape/leaky-m2.txt --name leaky --source ../data/go/leaky/escape/iface.go";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!escape")
    {
        Description = "Load the compiler's escape-analysis output (go build -gcflags=-m or -m=2 text, or a -json=0,DIR directory) into an "
            + "EscapeLog variable (.ToDataFrame(): one row per diagnostic; .StepsToDataFrame(): the -m=2 flows) and show heap "
                + "escapes by cause.",
        Parameters =
        {
            new KernelDirectiveParameter("--path",
                "The log file or -json directory (relative to the notebook).") { AllowImplicitName = true }.WithFileCompletions(".txt",
                    ".log"),
            new KernelDirectiveParameter("--name", "The C# variable to store the EscapeLog in (default: from the file name)."),
            new KernelDirectiveParameter("--expect",
                "Also check the log against // ERROR \"regex\" annotations in this .go file or directory."),
            new KernelDirectiveParameter("--source", "Also show this .go file with each line's decisions beside it."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadEscape>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Path)) throw new ArgumentException("missing PATH of a -m log or -json directory");
                var path = MagicKit.ResolvePath(command.Path);
                var log = await Task.Run(() => EscapeLog.Load(path, context.CancellationToken), context.CancellationToken);
                var name = MagicKit.VariableName(command.Name, command.Path, "escapes");
                await MagicKit.DefineVariableAsync(kernel, name, log, typeof(Microsoft.Data.Analysis.DataFrame));
                var findings = command.Expect is { } expect
                    ? EscapeExpectations.Load(MagicKit.ResolvePath(expect), context.CancellationToken).Check(log) : null;
                context.Display(EscapeCards.ForLog(log,
                    $"escape analysis — {System.IO.Path.GetFileName(command.Path.TrimEnd('/'))} → {name}", findings));
                if (command.Source is { } source)
                    context.DisplayAs(EscapeSourceView.ToHtml(log, MagicKit.ResolvePath(source)), HtmlFormatter.MimeType);
            }));
    }
}

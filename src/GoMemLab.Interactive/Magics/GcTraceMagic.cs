using GoMemLab.Reports;
using GoMemLab.Telemetry;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!gctrace PATH [--name VAR]`: load a GODEBUG=gctrace=1 log into a <see cref="GcTrace"/> variable and show its card.</summary>
public sealed class LoadGcTrace : MagicCommand
{
    public string? Path { get; set; }
    public string? Name { get; set; }
}

public static class GcTraceMagic
{
    public const string Example = "#!gctrace ../data/artifacts/telemetry/leaky-gctrace.log --name leaky";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!gctrace")
    {
        Description = "Load a GODEBUG=gctrace=1 log (a program's stderr; other lines are skipped and counted) into a GcTrace variable "
            + "(.ToDataFrame(): one row per GC) and show GC rate, GC CPU, stop-the-world pauses, live heap and the leak verdict.",
        Parameters =
        {
            new KernelDirectiveParameter("--path",
                "The log file (relative to the notebook; .gz is fine).") { AllowImplicitName = true }.WithFileCompletions(".log", ".log.gz",
                    ".txt"),
            new KernelDirectiveParameter("--name", "The C# variable to store the GcTrace in (default: from the file name)."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadGcTrace>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Path)) throw new ArgumentException("missing PATH of a gctrace log");
                var path = MagicKit.ResolvePath(command.Path);
                var trace = await GcTrace.LoadAsync(path, context.CancellationToken);
                var name = MagicKit.VariableName(command.Name, command.Path, "gctrace");
                await MagicKit.DefineVariableAsync(kernel, name, trace, typeof(Microsoft.Data.Analysis.DataFrame));
                context.Display(TelemetryCards.ForGcTrace(trace, $"gctrace — {System.IO.Path.GetFileName(command.Path)} → {name}"));
            }));
    }
}

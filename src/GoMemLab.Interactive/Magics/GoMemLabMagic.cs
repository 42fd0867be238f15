using GoMemLab.Environment;
using GoMemLab.Interactive.Hosting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!gomemlab`: the environment card a workshop's first cell shows.</summary>
public sealed class ShowEnvironment : MagicCommand
{
    public string? Name { get; set; }
}

public static class GoMemLabMagic
{
    public const string Example = "#!gomemlab --name env";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!gomemlab")
    {
        Description = "Show the environment card: GoMemLab version, .NET runtime, the Go toolchain on PATH (go version, GOROOT) and "
            + "the notebook host.",
        Parameters = { new KernelDirectiveParameter("--name", "Also store the card in this C# variable.") },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<ShowEnvironment>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                var card = EnvironmentCard.Detect(NotebookHost.Describe());
                if (command.Name is not null)
                    await MagicKit.DefineVariableAsync(kernel, MagicKit.VariableName(command.Name, "", "env"), card);
                context.Display(card);
            }));
    }
}

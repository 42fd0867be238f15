using System.CommandLine;
using GoMemLab.Environment;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab env`: the environment card (GoMemLab, .NET, Go toolchain).</summary>
public static class EnvCommand
{
    public static Command Create()
    {
        var format = CommonOptions.Format();
        var command = new Command("env", "Show GoMemLab's version, the .NET runtime and the Go toolchain on PATH.") { format };
        command.SetAction(parse => CliRun.Guard(() =>
            CommonOptions.Print(EnvironmentCard.Detect("gomemlab CLI").ToDataFrame(), parse.GetValue(format))));
        return command;
    }
}

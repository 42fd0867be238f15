using System.CommandLine;

namespace GoMemLab.Cli.Commands;

/// <summary>The `gomemlab` command tree: one line per command group.</summary>
public static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("gomemlab — find out why a Go program uses the memory it does: heap profiles, escape analysis, GC "
            + "telemetry, notebooks.");
        root.Subcommands.Add(EnvCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(PprofCommands.Create());
        root.Subcommands.Add(EscapeCommands.Create());
        root.Subcommands.Add(AsmCommands.Create());
        root.Subcommands.Add(GcTraceCommand.Create());
        root.Subcommands.Add(MemStatsCommand.Create());
        root.Subcommands.Add(HeapDumpCommands.Create());
        root.Subcommands.Add(GoroutinesCommands.Create());
        root.Subcommands.Add(WhyCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CaptureCommand.Create());
        root.Subcommands.Add(FleetCommands.Create());
        root.Subcommands.Add(SsaCommand.Create());
        root.Subcommands.Add(WorkshopCommand.Create());
        return root;
    }
}

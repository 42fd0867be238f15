using System.CommandLine;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Cli.Commands;

/// <summary>Options shared by every command that prints a table.</summary>
public static class CommonOptions
{
    public static Option<TableFormat> Format() => new("--format")
    {
        Description = "Output format: table (aligned text), csv or json.",
        DefaultValueFactory = _ => TableFormat.Table,
    };

    public static int Print(DataFrame frame, TableFormat format)
    {
        TableWriter.Write(frame, format, Console.Out);
        return 0;
    }
}

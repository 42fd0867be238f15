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
        HelpName = "table|csv|json",
        DefaultValueFactory = _ => TableFormat.Table,
    };

    /// <summary>
    /// <c>--output FILE</c>: also save the table, as CSV, JSON lines or Parquet by the file's extension
    /// (.csv, .jsonl, .parquet; see <see cref="TableExport"/>).
    /// </summary>
    public static Option<string?> Output() => new("--output")
    {
        Description = "Also save the table to FILE: .csv, .jsonl or .parquet (by extension).",
    };

    public static int Print(DataFrame frame, TableFormat format)
    {
        TableWriter.Write(frame, format, Console.Out);
        return 0;
    }

    /// <summary>Prints the table and, when <paramref name="output"/> is given, saves it there too.</summary>
    public static int Print(DataFrame frame, TableFormat format, string? output)
    {
        if (!string.IsNullOrEmpty(output)) TableExport.SaveAsync(frame, output).GetAwaiter().GetResult();
        return Print(frame, format);
    }
}

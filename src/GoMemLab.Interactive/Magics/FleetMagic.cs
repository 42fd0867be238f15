using GoMemLab.Fleet;
using GoMemLab.Reports;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!fleet DB [--sql "SELECT …"] [--where PREDICATE] [--name VAR]`: a query over a fleet database as a DataFrame.</summary>
public sealed class QueryFleet : MagicCommand
{
    public string? Database { get; set; }
    public string? Sql { get; set; }
    public string? Where { get; set; }
    public string? Name { get; set; }
}

public static class FleetMagic
{
    public const string Example = "#!fleet fleet.duckdb --sql \"SELECT service, pod, count(*) AS profiles FROM labelled_profiles GROUP BY "
        + "ALL\" --name perPod";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!fleet")
    {
        Description = "Query a fleet database (made by `gomemlab fleet ingest`, opened read-only) with SQL; the result lands "
            + "in a DataFrame variable and a card shows the fleet (profiles, time range, labels) and the first rows. Without "
            + "--sql: the profiles, one row each with a column per label. Tables and views: docs/fleet.md.",
        Parameters =
        {
            new KernelDirectiveParameter("--database",
                "The fleet database file (relative to the notebook).") { AllowImplicitName = true }.WithFileCompletions(".duckdb"),
            new KernelDirectiveParameter("--sql",
                "A DuckDB SQL query, in double quotes, e.g. \"SELECT * FROM labelled_profiles WHERE service = 'leaky'\"."),
            new KernelDirectiveParameter("--where",
                "Without --sql: only the profiles matching this predicate on their labels, e.g. \"service = 'leaky'\"."),
            new KernelDirectiveParameter("--name", "The C# variable to store the DataFrame in (default: from the database file name)."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<QueryFleet>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Database)) throw new ArgumentException("missing DB, a fleet database file");
                if (command.Sql is not null && command.Where is not null) throw new ArgumentException("give --sql or --where, not both");
                using var fleet = FleetDatabase.Open(MagicKit.ResolvePath(command.Database), context.CancellationToken);
                var result = command.Sql is null ? fleet.Profiles(command.Where) : fleet.Query(command.Sql);
                var name = MagicKit.VariableName(command.Name, command.Database, "fleet");
                await MagicKit.DefineVariableAsync(kernel, name, result);
                context.Display(FleetCard.For(fleet, $"fleet — {System.IO.Path.GetFileName(command.Database)} → {name}", result,
                    command.Sql));
            }));
    }
}

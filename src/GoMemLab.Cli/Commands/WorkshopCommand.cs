using System.CommandLine;
using GoMemLab.Cli.Notebooks;

namespace GoMemLab.Cli.Commands;

/// <summary>`gomemlab workshop NOTEBOOK… --out DIR`: the participants' copies, solutions replaced by stubs, outputs cleared.</summary>
public static class WorkshopCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("NOTEBOOK")
        {
            Description = "Workshop notebooks (.ipynb) with cells tagged exercise and "
            + "solution.", Arity = ArgumentArity.OneOrMore
        };
        var outDir = new Option<string>("--out")
        {
            Description = "Folder for the participants' copies (created if missing; never the "
            + "notebooks' own folder).", Required = true
        };
        var command = new Command("workshop",
            "Write the participants' copy of each notebook: every code cell tagged `solution` becomes a `// your turn: …` stub "
            + "(the hint from the exercise above it), tags kept, all outputs cleared. The instructor's copy is the notebook "
                + "itself.") { notebooks, outDir };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            foreach (var copy in WorkshopCopy.WriteAll(parse.GetValue(notebooks)!, parse.GetValue(outDir)!))
            {
                Console.WriteLine($"{copy.Output}: {copy.Exercises} exercises, {copy.Solutions} solution cells replaced by stubs");
                if (copy.Solutions == 0) Console.Error.WriteLine($"gomemlab workshop: {copy.Input} has no cell tagged solution; its copy "
                    + $"only has its outputs cleared");
            }
            return 0;
        }));
        return command;
    }
}

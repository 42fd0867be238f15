using System.Text.RegularExpressions;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// The participants' copy of a workshop notebook. A markdown cell tagged <c>exercise</c> poses an exercise; the code
/// cells tagged <c>solution</c> after it answer it (CI runs the notebook with them). In the copy each solution cell's
/// source becomes a short stub, <c>// your turn: HINT</c>, the hint taken from the exercise's first sentence; tags stay
/// (so the copy can be checked and the solutions put back) and every output is cleared. The instructor's copy is the
/// notebook itself, unchanged.
/// </summary>
public static partial class WorkshopCopy
{
    public const string ExerciseTag = "exercise";
    public const string SolutionTag = "solution";

    /// <summary>What one copy holds: the exercises posed and the solution cells replaced.</summary>
    public sealed record Summary(string Input, string Output, int Exercises, int Solutions);

    /// <summary>
    /// Writes the copy of each notebook into <paramref name="outDirectory"/> under its own file name, after checking all
    /// of them first: nothing is written when any output would replace an input or two inputs share a file name.
    /// </summary>
    /// <exception cref="ArgumentException">An output would overwrite an input, or two inputs have the same name.</exception>
    /// <exception cref="Inputs.InputFormatException">A notebook cannot be read.</exception>
    public static IReadOnlyList<Summary> WriteAll(IReadOnlyList<string> notebooks, string outDirectory)
    {
        // Full paths once, before anything is read or written: the check and the writes must mean the same files.
        var inputs = notebooks.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var plans = new List<(string Input, string Output)>();
        foreach (var notebook in notebooks)
        {
            var output = Path.GetFullPath(Path.Combine(outDirectory, Path.GetFileName(notebook)));
            if (inputs.Contains(output))
                throw new ArgumentException($"--out {outDirectory} would overwrite the input {notebook}; the participants' copy needs "
                    + $"another folder");
            if (plans.Any(p => p.Output == output))
                throw new ArgumentException($"two inputs are named {Path.GetFileName(notebook)}; their copies would overwrite each "
                    + $"other in {outDirectory}");
            plans.Add((notebook, output));
        }
        var loaded = plans.Select(p => (Notebook: JupyterNotebook.Load(p.Input), p.Output)).ToList();
        Directory.CreateDirectory(Path.GetFullPath(outDirectory));
        var summaries = new List<Summary>();
        foreach (var (notebook, output) in loaded)
        {
            var (exercises, solutions) = Strip(notebook);
            notebook.Save(output);
            summaries.Add(new Summary(notebook.Path, Path.Combine(outDirectory, Path.GetFileName(notebook.Path)), exercises, solutions));
        }
        return summaries;
    }

    /// <summary>Replaces the solutions of <paramref name="notebook"/> in place and clears every output; returns (exercises,
    /// solutions).</summary>
    public static (int Exercises, int Solutions) Strip(JupyterNotebook notebook)
    {
        string? exercise = null;
        int exercises = 0, solutions = 0;
        foreach (var cell in notebook.Cells)
        {
            if (cell.Tags.Contains(ExerciseTag))
            {
                exercise = cell.Source;
                exercises++;
            }
            if (cell.IsCode && cell.Tags.Contains(SolutionTag))
            {
                var comment = (cell.Language ?? notebook.DefaultLanguage) is "csharp" or "fsharp" or "javascript" ? "//" : "#";
                cell.SetSource($"{comment} your turn: {Hint(exercise)}\n");
                solutions++;
            }
            cell.ClearOutputs();
        }
        return (exercises, solutions);
    }

    /// <summary>The exercise's first sentence without markdown marks, at most about a line long.</summary>
    public static string Hint(string? exercise)
    {
        if (string.IsNullOrWhiteSpace(exercise)) return "solve the exercise above";
        var lines = exercise.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // A heading such as "### Exercise 1 — …" names the exercise; the sentence under it says what to do.
        var text = lines.Count > 1 && lines[0].StartsWith('#') ? string.Join(' ', lines.Skip(1)) : string.Join(' ', lines);
        text = Markup().Replace(text.TrimStart('#', ' '), "");
        text = Label().Replace(text, "");
        var end = Sentence().Match(text);
        if (end.Success) text = text[..(end.Index + 1)];
        return text.Length <= 110 ? text : text[..107].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\*\*|__|`")]
    private static partial Regex Markup();

    [GeneratedRegex(@"^(Exercise|Übung|Exercice)\s*\d*\s*[.:—–-]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    [GeneratedRegex(@"[.?!](\s|$)")]
    private static partial Regex Sentence();
}

using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Reports;
using GoMemLab.Telemetry;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>
/// `#!goroutines FILE_OR_URL… [--name VAR] [--by start|creation|state] [--every D]`: one goroutine dump into a
/// <see cref="GoroutineDump"/> variable, or several snapshots into a list of them plus a <see cref="GoroutineGrowth"/>.
/// </summary>
public sealed class LoadGoroutines : MagicCommand
{
    public string? Path { get; set; }
    public string? Name { get; set; }
    public string? By { get; set; }
    public string? Every { get; set; }
}

/// <summary>Declaration and handler of `#!goroutines` (see <see cref="LoadGoroutines"/>); the work is <see
/// cref="GoroutineDump"/>'s.</summary>
public static class GoroutinesMagic
{
    public const string Example = "#!goroutines ../data/artifacts/goroutines/leaky-goroutine-6-debug2.txt --name g";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!goroutines")
    {
        Description = "Load a goroutine dump (protobuf, debug=1, debug=2, a panic or SIGQUIT traceback; file or "
            + "http://…/debug/pprof/goroutine?debug=N) into a GoroutineDump variable — g.ByStart(), .ByCreation(), .ByState(), "
            + ".Goroutines, .ToDataFrame() — and show the goroutines per start function and per state. Several dumps (or a '*' "
            + "pattern) are snapshots of one program: the variable holds the list, VAR_growth the GoroutineGrowth with the leak "
            + "verdict per group, and the card a stacked chart over time.",
        Parameters =
        {
            new KernelDirectiveParameter("--path", "The dump file (relative to the notebook) or URL; several as one quoted argument "
                + "(\"a.pb.gz b.pb.gz\") or a '*' pattern, read in natural name order (…-2 before …-10).") { AllowImplicitName = true }
                .WithFileCompletions(".pb.gz", "debug1.txt", "debug2.txt", ".txt"),
            new KernelDirectiveParameter("--name",
                "The C# variable to store the dump (or the list of snapshots) in (default: from the file name)."),
            new KernelDirectiveParameter("--by", "Several snapshots: group by start (default), creation or state (debug=2 only)."),
            new KernelDirectiveParameter("--every",
                "Several text snapshots, which record no time: the time between them, as a Go duration (e.g. 5s)."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadGoroutines>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                var given = Split(command.Path);
                if (given.Count == 0)
                    throw new ArgumentException("missing FILE_OR_URL of a goroutine dump (several: one quoted argument \"a b c\", or a "
                        + "'*' pattern)");
                var by = GoroutineGroupingText.Parse(command.By);
                TimeSpan? every = command.Every is { } text ? GoDuration.Parse(text) : null;
                var sources = given.SelectMany(Expand).ToList();
                var dumps = new List<GoroutineDump>();
                foreach (var source in sources) dumps.Add(await GoroutineDump.LoadAsync(source, context.CancellationToken));
                var name = MagicKit.VariableName(command.Name, given[0].Replace("*", ""), "goroutines");
                var title = $"goroutines — "
                    + $"{System.IO.Path.GetFileName(given[0])}{(dumps.Count > 1 ? $" (+{dumps.Count - 1} snapshots)" : "")} → {name}";
                if (dumps.Count == 1)
                {
                    await MagicKit.DefineVariableAsync(kernel, name, dumps[0], typeof(Microsoft.Data.Analysis.DataFrame));
                    context.Display(dumps[0].Card(title));
                    return;
                }
                var growth = every is { } step ? GoroutineGrowth.Compute(dumps, step, by) : GoroutineGrowth.Compute(dumps, by);
                await MagicKit.DefineVariableAsync(kernel, name, (IReadOnlyList<GoroutineDump>)dumps,
                    typeof(Microsoft.Data.Analysis.DataFrame));
                await MagicKit.DefineVariableAsync(kernel, name + "_growth", growth);
                context.Display(GoroutineCards.ForSnapshots(growth, dumps, title));
            }));
    }

    // The host binds one value per parameter, so several dumps come as one argument: split it on spaces, unless it names one
    // existing file whose path has spaces.
    private static List<string> Split(string? argument)
    {
        if (string.IsNullOrWhiteSpace(argument)) return [];
        var whole = argument.Trim();
        if (!HttpInput.IsUrl(whole) && File.Exists(MagicKit.ResolvePath(whole))) return [whole];
        return whole.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    // URLs pass through; '*' patterns expand to their files in natural name order (…-2 before …-10).
    private static IEnumerable<string> Expand(string pathOrPattern)
    {
        if (HttpInput.IsUrl(pathOrPattern)) return [pathOrPattern];
        var path = MagicKit.ResolvePath(pathOrPattern);
        var file = System.IO.Path.GetFileName(path);
        if (file.IndexOfAny(['*', '?']) < 0) return [path];
        var folder = System.IO.Path.GetDirectoryName(path) ?? ".";
        var matches = Directory.Exists(folder) ? Directory.GetFiles(folder, file) : [];
        if (matches.Length == 0) throw new Inputs.InputFormatException(pathOrPattern, "matches no file");
        return matches.OrderBy(m => m, NaturalOrder.Instance);
    }

    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y) =>
            string.CompareOrdinal(Pad(x ?? ""), Pad(y ?? ""));

        private static string Pad(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\d+", m => m.Value.PadLeft(12, '0'));
    }
}

using GoMemLab.Profiles;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>
/// `#!pprof PATH_OR_URL [--name VAR] [--sample-index NAME] [--diff-base PATH] [--focus RX] [--ignore RX]`: load a
/// pprof profile into a <see cref="LoadedProfile"/> variable (the analyses are its methods) and show its card.
/// </summary>
public sealed class LoadPprof : MagicCommand
{
    public string? Path { get; set; }
    public string? Name { get; set; }
    public string? SampleIndex { get; set; }
    public string? DiffBase { get; set; }
    public string? Focus { get; set; }
    public string? Ignore { get; set; }
}

public static class PprofMagic
{
    public const string Example = "#!pprof ../data/artifacts/heap/leaky-heap-4.pb.gz --name heap4";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!pprof")
    {
        Description = "Load a pprof profile (heap, CPU, goroutine; .pb.gz, .pb or debug=1 heap text; file or net/http/pprof URL) into a "
            + "LoadedProfile variable — heap4.Top(), .AllocVsInuse(), .LeakSuspects(), .Flame(), .FlameChart(), .DiffWith(other), .Samples() — "
            + "and show type, time, totals, the top 10 and a chart.",
        Parameters =
        {
            new KernelDirectiveParameter("--path", "The profile file (relative to the notebook) or URL, e.g. http://127.0.0.1:6060/debug/pprof/heap.") { AllowImplicitName = true },
            new KernelDirectiveParameter("--name", "The C# variable to store the profile in (default: from the file name)."),
            new KernelDirectiveParameter("--sample-index", "Default sample type of the analyses, e.g. alloc_space (default: the profile's, inuse_space for heap)."),
            new KernelDirectiveParameter("--diff-base", "Subtract this profile (go tool pprof -diff_base): the variable holds current minus base."),
            new KernelDirectiveParameter("--focus", "Only samples with a frame matching this regex, in every analysis of the variable."),
            new KernelDirectiveParameter("--ignore", "Drop samples with a frame matching this regex, in every analysis of the variable."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadPprof>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Path)) throw new ArgumentException("missing PATH_OR_URL of a pprof profile");
                var profile = await ProfileLoader.LoadPathOrUrlAsync(Resolve(command.Path), null, context.CancellationToken);
                if (!string.IsNullOrWhiteSpace(command.DiffBase))
                    profile = Diff.Against(profile, await ProfileLoader.LoadPathOrUrlAsync(Resolve(command.DiffBase), null, context.CancellationToken));
                var loaded = new LoadedProfile(profile, command.SampleIndex, command.Focus, command.Ignore);
                var name = MagicKit.VariableName(command.Name, command.Path, "profile");
                var source = loaded.IsDiff ? $"{command.Path} minus {command.DiffBase}" : command.Path;
                var card = loaded.Card($"pprof — {System.IO.Path.GetFileName(command.Path)}{(loaded.IsDiff ? " minus " + System.IO.Path.GetFileName(command.DiffBase) : "")} → {name}", source);
                await MagicKit.DefineVariableAsync(kernel, name, loaded, typeof(Microsoft.Data.Analysis.DataFrame), typeof(Plotly.NET.GenericChart));
                context.Display(card);
            }));
    }

    private static string Resolve(string pathOrUrl) => ProfileLoader.IsUrl(pathOrUrl) ? pathOrUrl : MagicKit.ResolvePath(pathOrUrl);
}

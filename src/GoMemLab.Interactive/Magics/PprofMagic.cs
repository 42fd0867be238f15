using GoMemLab.Inputs;
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

/// <summary>Declaration and handler of `#!pprof` (see <see cref="LoadPprof"/>); the work is <see cref="LoadedProfile"/>'s.</summary>
public static class PprofMagic
{
    public const string Example = "#!pprof ../data/artifacts/heap/leaky-heap-4.pb.gz --name heap4";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!pprof")
    {
        Description = "Load a pprof profile (heap, CPU, goroutine; .pb.gz, .pb or debug=1 heap text; file or net/http/pprof URL) into a "
            + "LoadedProfile variable — heap4.Top(), .AllocVsInuse(), .LeakSuspects(), .Flame(), .FlameChart(), "
            + ".DiffSince(before), .Samples() — and show type, time, totals, the top 10 and a chart.",
        Parameters =
        {
            new KernelDirectiveParameter("--path",
                "The profile file (relative to the notebook) or URL, e.g. "
                    + "http://127.0.0.1:6060/debug/pprof/heap.") { AllowImplicitName = true }.WithFileCompletions(".pb.gz", ".pprof", ".pb",
                        "heap-debug1.txt"),
            new KernelDirectiveParameter("--name", "The C# variable to store the profile in (default: from the file name)."),
            new KernelDirectiveParameter("--sample-index",
                "Default sample type of the analyses, e.g. alloc_space (default: the profile's, "
                    + "inuse_space for heap).").WithSampleTypeCompletions(),
            new KernelDirectiveParameter("--diff-base",
                "Subtract this profile (go tool pprof -diff_base): the variable holds current minus base.").WithFileCompletions(".pb.gz",
                    ".pprof", ".pb"),
            new KernelDirectiveParameter("--focus", "Only samples with a frame matching this regex, in every analysis of the variable."),
            new KernelDirectiveParameter("--ignore", "Drop samples with a frame matching this regex, in every analysis of the variable."),
        },
    }.WithHelp();

    /// <summary>Adds `#!pprof` to the kernel: loads (and diffs), defines the variable, shows <see cref="LoadedProfile.Card"/>.</summary>
    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadPprof>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Path)) throw new ArgumentException("missing PATH_OR_URL of a pprof profile");
                var name = MagicKit.VariableName(command.Name, command.Path, "profile");
                var title = "pprof — "
                    + System.IO.Path.GetFileName(command.Path)
                    + (string.IsNullOrWhiteSpace(command.DiffBase) ? "" : " minus " + System.IO.Path.GetFileName(command.DiffBase))
                    + $" → {name}";
                // Downloads and big files take seconds: show a card that says how far the load is, then replace it.
                var live = IsSlow(command.Path) || IsSlow(command.DiffBase)
                    ? context.Display(new Reports.SummaryCard(title) { Verdict = "loading…" }) : null;
                // After a cancel the cell is over: a late report must not touch its output.
                var progress = live is null ? null : new LoadReporter(title, card =>
                {
                    if (!context.CancellationToken.IsCancellationRequested) live.Update(card);
                });
                var profile = await Profile.LoadAsync(Resolve(command.Path), progress, context.CancellationToken);
                if (!string.IsNullOrWhiteSpace(command.DiffBase))
                    profile = ProfileDiff.Compare(await Profile.LoadAsync(Resolve(command.DiffBase), progress, context.CancellationToken),
                        profile);
                var loaded = new LoadedProfile(profile, command.SampleIndex, new ProfileFilter
                {
                    Focus = command.Focus,
                    Ignore = command.Ignore,
                });
                var card = loaded.Card(title, loaded.IsDiff ? $"{command.Path} minus {command.DiffBase}" : command.Path);
                await MagicKit.DefineVariableAsync(kernel, name, loaded, typeof(Microsoft.Data.Analysis.DataFrame),
                    typeof(Plotly.NET.GenericChart));
                if (live is null) context.Display(card);
                else live.Update(card);
            }));
    }

    private static string Resolve(string pathOrUrl) => HttpInput.IsUrl(pathOrUrl) ? pathOrUrl : MagicKit.ResolvePath(pathOrUrl);

    private const long SlowFileBytes = 8 << 20;

    private static bool IsSlow(string? pathOrUrl)
    {
        if (string.IsNullOrWhiteSpace(pathOrUrl)) return false;
        if (HttpInput.IsUrl(pathOrUrl)) return true;
        var file = new FileInfo(MagicKit.ResolvePath(pathOrUrl));
        return file.Exists && file.Length > SlowFileBytes;
    }

    /// <summary>Updates the placeholder card at most once per stage and 10% step (the loader reports every 5%).</summary>
    private sealed class LoadReporter(string title, Action<Reports.SummaryCard> update) : IProgress<LoadProgress>
    {
        private string _last = "";

        public void Report(LoadProgress value)
        {
            var step = value.Fraction is { } f ? $"{(int)(f * 10) * 10}%" : "";
            var text = $"{value.Stage} {step}".Trim() + (value.Samples > 0 ? $", {value.Samples:N0} samples" : "");
            var key = value.Stage + step;
            if (key == _last) return;
            _last = key;
            update(new Reports.SummaryCard(title) { Verdict = "loading: " + text });
        }
    }
}

using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.Reports;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!gobuild DIR [--gcflags F] [--packages P] [--name VAR] [--save FILE]`: run the real compiler and load what it says.</summary>
public sealed class RunGoBuild : MagicCommand
{
    public string? Dir { get; set; }
    public string? Gcflags { get; set; }
    public string? Packages { get; set; }
    public string? Name { get; set; }
    public string? Save { get; set; }
}

public static class GoBuildMagic
{
    public const string Example = "#!gobuild ../data/go/fix/before --gcflags -m=2 --name fixBefore";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!gobuild")
    {
        Description = "Run go build -a -gcflags=FLAGS PACKAGES in a module directory (no shell), streaming the compiler's "
            + "output, then load it: -m / -m=2 output into an EscapeLog variable with its card, -S output into an AssemblyListing. Fails "
            + "with one line when Go is missing or the build fails.",
        Parameters =
        {
            new KernelDirectiveParameter("--dir", "The module directory to build in (relative to the notebook).")
            {
                AllowImplicitName = true,
            },
            new KernelDirectiveParameter("--gcflags", "Compiler flags (default -m=2); -m, -m=2 or -S."),
            new KernelDirectiveParameter("--packages", "Space-separated package patterns (default ./...)."),
            new KernelDirectiveParameter("--name", "The C# variable to store the result in (default: from the directory name)."),
            new KernelDirectiveParameter("--save", "Also write the compiler output to this file."),
        },
    }.WithHelp();

    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<RunGoBuild>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Dir)) throw new ArgumentException("missing DIR of a Go module to build");
                var flags = command.Gcflags ?? "-m=2";
                var packages = (command.Packages ?? "./...").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var progress = KernelInvocationContextExtensions.Display(context,
                    (object)$"go build -a -gcflags={flags} {string.Join(' ', packages)} …", PlainTextFormatter.MimeType);
                var lines = 0;
                var build = await GoCompilerBuild.RunAsync(MagicKit.ResolvePath(command.Dir), flags, packages, line =>
                {
                    if (Interlocked.Increment(ref lines) % 2000 == 1) progress.Update($"go build -a -gcflags={flags}: "
                        + $"{lines:N0} lines… {line}");
                }, context.CancellationToken);
                progress.Update($"go build -a -gcflags={flags} {string.Join(' ', packages)}: {lines:N0} lines, exit {build.ExitCode}");
                if (command.Save is { } save) await File.WriteAllTextAsync(MagicKit.ResolvePath(save), build.Output,
                    context.CancellationToken);
                var name = MagicKit.VariableName(command.Name, command.Dir, "build");
                var source = $"go build -gcflags={flags} in {command.Dir}";
                if (flags.Contains("-S", StringComparison.Ordinal))
                {
                    var listing = AssemblyListing.Parse(build.Output, source, context.CancellationToken);
                    await MagicKit.DefineVariableAsync(kernel, name, listing, typeof(Microsoft.Data.Analysis.DataFrame));
                    context.Display(listing.CallsByFunction());
                    return;
                }
                var log = EscapeLog.Parse(build.Output, source, context.CancellationToken);
                await MagicKit.DefineVariableAsync(kernel, name, log, typeof(Microsoft.Data.Analysis.DataFrame));
                context.Display(EscapeCards.ForLog(log, $"go build -gcflags={flags} — {command.Dir} → {name}"));
            }));
    }
}

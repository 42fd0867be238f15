using GoMemLab.HeapDumps;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>`#!heapdump PATH_OR_URL [--binary BIN] [--name VAR]`: load a Go heap dump into a <see cref="HeapDump"/> variable and show who
/// keeps its memory alive.</summary>
public sealed class LoadHeapDump : MagicCommand
{
    public string? Path { get; set; }
    public string? Binary { get; set; }
    public string? Name { get; set; }
}

public static class HeapDumpMagic
{
    public const string Example = "#!heapdump ../data/artifacts/heapdump/leaky.dump.gz --name leaky";

    public static KernelActionDirective Directive() => new KernelActionDirective("#!heapdump")
    {
        Description = "Load a Go heap dump (runtime/debug.WriteHeapDump; a file, .gz, or the URL of a /debug/heapdump handler) into a "
            + "HeapDump "
            + "variable (.RootRetention(), .SiteRetention(), .Dominators(), .PathToSite(\"file:line\"), .HoldersOf(…), .LeakSuspects(): "
            + "each with "
            + ".ToDataFrame()) and show reachable vs garbage, the roots that retain the most, a root → site sunburst and a path chart.",
        Parameters =
        {
            new KernelDirectiveParameter("--path",
                "The dump file (relative to the notebook; .gz is fine) or an http(s):// URL.") { AllowImplicitName = true }
                .WithFileCompletions(".dump", ".dump.gz", ".heapdump"),
            new KernelDirectiveParameter("--binary",
                "The program that wrote the dump (ELF, not stripped): names globals by symbol (main.sessions, main.cache+0x8)."),
            new KernelDirectiveParameter("--name", "The C# variable to store the HeapDump in (default: from the file name)."),
        },
    }.WithHelp();

    /// <summary>Adds `#!heapdump` to the kernel: loads, names roots from the binary, defines the variable, shows <see
    /// cref="HeapDump.Card"/>.</summary>
    public static void Register(Kernel kernel)
    {
        var directive = Directive();
        kernel.AddDirective<LoadHeapDump>(directive, (command, context) =>
            MagicKit.RunAsync(command, context, directive, Example, async () =>
            {
                if (string.IsNullOrWhiteSpace(command.Path)) throw new ArgumentException("missing PATH_OR_URL of a heap dump");
                var name = MagicKit.VariableName(command.Name, command.Path, "heapdump");
                var title = $"heap dump — {System.IO.Path.GetFileName(command.Path)} → {name}";
                var source = HttpInput.IsUrl(command.Path) ? command.Path : MagicKit.ResolvePath(command.Path);
                var dump = await HeapDump.LoadAsync(source, context.CancellationToken);
                var note = string.IsNullOrWhiteSpace(command.Binary) ? null : dump.NameRootsWith(MagicKit.ResolvePath(command.Binary));
                // The dominator tree is computed here, off the kernel's thread, so the card's tables come at once.
                var card = await Task.Run(() => dump.Card(title), context.CancellationToken);
                if (note is not null) card.AddFact("binary", note);
                await MagicKit.DefineVariableAsync(kernel, name, dump, typeof(Microsoft.Data.Analysis.DataFrame),
                    typeof(Plotly.NET.GenericChart));
                context.Display(card);
            }));
    }
}

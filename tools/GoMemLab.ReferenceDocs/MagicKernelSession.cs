using System.Net;
using System.Text.RegularExpressions;
using GoMemLab.Cli.Notebooks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// The kernel `gomemlab run` uses (GoMemLab loaded in-process), driven cell by cell for the magic pages: help,
/// error messages and the variables examples define. Cells run with the notebooks folder as the current
/// directory, as they would in a notebook there; the previous directory is restored after each cell.
/// </summary>
public sealed partial class MagicKernelSession(string notebooksFolder) : IDisposable
{
    private readonly CompositeKernel _kernel = NotebookKernel.Create();

    /// <summary>The names of the directives the kernel knows.</summary>
    public IEnumerable<string> DirectiveNames => _kernel.KernelInfo.SupportedDirectives.Select(d => d.Name);

    /// <summary>What `NAME -h` shows, as plain text.</summary>
    public async Task<string> HelpAsync(string magic, CancellationToken cancellation)
    {
        var events = await SubmitAsync(magic + " -h", cancellation);
        var html = events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).First(v => v.MimeType == "text/html").Value;
        return WebUtility.HtmlDecode(Tags().Replace(html, "")).TrimEnd();
    }

    /// <summary>The error the cell fails with, or null when it succeeds.</summary>
    public async Task<string?> ErrorOfAsync(string cell, CancellationToken cancellation) =>
        (await SubmitAsync(cell, cancellation)).OfType<CommandFailed>().Select(f => f.Message).FirstOrDefault();

    /// <summary>The runtime type of a C# variable, or null when it is not defined.</summary>
    public Type? VariableType(string name)
    {
        var csharp = (CSharpKernel)_kernel.ChildKernels.Single(k => k is CSharpKernel);
        return csharp.TryGetValue<object>(name, out var value) ? value?.GetType() : null;
    }

    public void Dispose() => _kernel.Dispose();

    private async Task<IReadOnlyList<KernelEvent>> SubmitAsync(string code, CancellationToken cancellation)
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(notebooksFolder);
        try
        {
            var result = await _kernel.SendAsync(new SubmitCode(code, "csharp"), cancellation);
            return result.Events.ToList();
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GoMemLab.Inputs;
using GoMemLab.Interactive.Hosting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace GoMemLab.Interactive.Magics;

/// <summary>
/// The few things every magic handler needs, so that a handler stays a few lines over a core call:
/// help from the declaration, one-line errors that leave the kernel healthy, paths relative to the
/// notebook, and results landing in a named C# variable (JupySQL's `--save`).
/// </summary>
public static partial class MagicKit
{
    /// <summary>Adds the `-h` flag to a directive declaration.</summary>
    public static KernelActionDirective WithHelp(this KernelActionDirective directive)
    {
        directive.Parameters.Add(new KernelDirectiveParameter("-h", "Show this help.") { Flag = true });
        return directive;
    }

    /// <summary>
    /// Runs a handler body. Bad input or arguments become a single error line on the cell
    /// (<c>context.Fail</c> with a message, no stack trace); `-h` shows the help instead of running.
    /// </summary>
    public static async Task RunAsync(MagicCommand command, KernelInvocationContext context, KernelActionDirective directive,
        string example, Func<Task> body)
    {
        if (command.Help)
        {
            context.DisplayAs(HelpHtml(directive, example), HtmlFormatter.MimeType);
            return;
        }
        try
        {
            if (context.HandlingKernel is { } kernel) MultipleValueReferences.Rebind(command, directive, kernel);
            await body();
        }
        catch (InputFormatException e)
        {
            context.Fail(command, message: e.Message);
        }
        catch (ArgumentException e)
        {
            context.Fail(command, message: $"{directive.Name}: {e.Message}");
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Fail(command, message: $"{directive.Name}: cancelled");
        }
    }

    /// <summary>Help text generated from the declaration: description, parameters, an example.</summary>
    public static string HelpText(KernelActionDirective directive, string example)
    {
        var text = new StringBuilder($"{directive.Name} — {directive.Description}\n\nParameters:\n");
        var width = directive.Parameters.Max(p => p.Name.Length);
        foreach (var p in directive.Parameters)
            text.Append("  ").Append(p.Name.PadRight(width)).Append("  ").Append(p.Description)
                .Append(p.AllowImplicitName ? " (may be given without its name)" : "").Append('\n');
        text.Append("\nExample:\n  ").Append(example).Append('\n');
        return text.ToString();
    }

    private static string HelpHtml(KernelActionDirective directive, string example) =>
        "<pre class=\"gomemlab-help\">" + WebUtility.HtmlEncode(HelpText(directive, example)) + "</pre>";

    /// <summary>A path as the user wrote it, resolved against the kernel's current directory (the notebook's folder in most
    /// hosts).</summary>
    public static string ResolvePath(string path)
    {
        if (path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path[2..]);
        return Path.GetFullPath(path, Directory.GetCurrentDirectory());
    }

    /// <summary>
    /// The variable a magic defines: the `--name` given (checked to be a C# identifier), or one
    /// derived from the source (file name without extensions, non-identifier characters as '_').
    /// </summary>
    public static string VariableName(string? requested, string source, string fallback)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (!Identifier().IsMatch(requested))
                throw new ArgumentException($"--name '{requested}' is not a valid C# variable name");
            return requested;
        }
        var stem = source.TrimEnd('/', '\\');
        if (HttpInput.IsUrl(stem) && Uri.TryCreate(stem, UriKind.Absolute, out var uri))
            stem = uri.Segments.LastOrDefault()?.Trim('/') ?? fallback;
        else
            stem = Path.GetFileName(stem);
        while (Path.GetExtension(stem) is { Length: > 0 } ext && ext.Length <= 6) stem = stem[..^ext.Length];
        var name = Regex.Replace(stem, "[^A-Za-z0-9_]", "_");
        if (name.Length == 0) return fallback;
        if (char.IsDigit(name[0])) name = "_" + name;
        return Identifier().IsMatch(name) ? name : fallback;
    }

    /// <summary>
    /// Defines (or replaces) a C# variable holding <paramref name="value"/>, after referencing the
    /// assemblies its type needs so the next cell can call methods on it.
    /// </summary>
    public static async Task DefineVariableAsync<T>(Kernel kernel, string name, T value, params Type[] alsoReference)
    {
        var csharp = FindCSharpKernel(kernel)
            ?? throw new InvalidOperationException("GoMemLab magics need a C# kernel to define variables in.");
        var assemblies = new[] { typeof(T) }.Concat(alsoReference)
            .Select(t => t.Assembly.Location).Where(l => !string.IsNullOrEmpty(l)).Distinct().ToArray();
        csharp.AddAssemblyReferences(assemblies);
        await csharp.SetValueAsync(name, value!, typeof(T));
    }

    private static CSharpKernel? FindCSharpKernel(Kernel kernel) =>
        kernel as CSharpKernel ?? kernel.RootKernel.FindKernels(k => k is CSharpKernel).OfType<CSharpKernel>().FirstOrDefault();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

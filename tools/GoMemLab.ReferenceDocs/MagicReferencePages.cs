using System.Text.RegularExpressions;
using GoMemLab.Interactive.Magics;

namespace GoMemLab.ReferenceDocs;

/// <summary>
/// One page per GoMemLab magic, docs/reference/magics/&lt;name without #!&gt;.md: its -h, the example from its
/// declaration (run, when it needs no Go, to check the variable it defines), the public members of that variable's
/// type by reflection with their XML-doc summaries, and the real error messages of cells that fail.
/// </summary>
public sealed partial class MagicReferencePages(string repositoryRoot)
{
    private readonly string _notebooks = Path.Combine(repositoryRoot, "notebooks");
    private readonly StableText _stable = new(repositoryRoot, Path.Combine(repositoryRoot, "notebooks"));

    /// <summary>The page name of a magic: its name without `#!`.</summary>
    public static string PageName(string magic) => magic.TrimStart('#', '!');

    public async Task<List<ReferencePage>> RenderAsync(CancellationToken cancellation)
    {
        using var session = new MagicKernelSession(_notebooks);
        var examples = MagicExamples.All.ToDictionary(e => e.Name);
        var pages = new List<ReferencePage>();
        // The magics in the order the kernel declares them.
        foreach (var name in session.DirectiveNames.Where(MagicCatalog.Names.Contains).Distinct())
        {
            var example = examples.GetValueOrDefault(name)
                ?? throw new InvalidOperationException($"{name} has no entry in {nameof(MagicExamples)}: add its variable types "
                    + "and error cases");
            var help = await session.HelpAsync(name, cancellation);
            pages.Add(new ReferencePage($"magics/{PageName(name)}.md", name, Description(help), await RenderAsync(session, name, help,
                example, cancellation)));
        }
        return pages;
    }

    /// <summary>The one-line description of a magic: the first line of its -h, after the name.</summary>
    public static string Description(string help) => help.Split('\n')[0].Split(" — ", 2)[^1];

    private async Task<string> RenderAsync(MagicKernelSession session, string name, string help, MagicExample example,
        CancellationToken cancellation)
    {
        var declared = ExampleLine().Match(help) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"{name} -h shows no example");
        var page = new MarkdownPage($"`{name}`")
            .Paragraph(Description(help))
            .Paragraph("[All commands and magics](../README.md)")
            .Heading(2, "Help")
            .Paragraph($"`{name} -h` shows:")
            .Code("text", help)
            .Heading(2, "Example")
            .Code("text", declared)
            .Paragraph("Paths are relative to the notebook; the examples assume a notebook in `notebooks/`.");
        await CheckExampleAsync(page, session, declared, example, cancellation);
        Defines(page, example);
        await ErrorsAsync(page, session, example, cancellation);
        return page.ToString();
    }

    /// <summary>Runs the declared example and checks it defines the documented type, so "What it defines" cannot drift.</summary>
    private static async Task CheckExampleAsync(MarkdownPage page, MagicKernelSession session, string declared, MagicExample example,
        CancellationToken cancellation)
    {
        if (example.ExampleNotRunBecause is { } reason)
        {
            page.Paragraph($"Not run by the generator: {reason}.");
            return;
        }
        var variable = VariableOption().Match(declared) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"the example of {example.Name} has no --name to check");
        if (await session.ErrorOfAsync(declared, cancellation) is { } error)
            throw new InvalidOperationException($"the example of {example.Name} fails: {error}");
        var type = session.VariableType(variable);
        if (type is null || !example.Defines.Any(d => d.Type == type))
            throw new InvalidOperationException($"the example of {example.Name} defined {variable} as {type?.FullName ?? "nothing"}, not "
                + $"as documented in {nameof(MagicExamples)}");
        page.Paragraph($"The generator ran it in an in-process kernel: it defined `{variable}` (`{CSharpSignatures.Name(type)}`).");
    }

    private static void Defines(MarkdownPage page, MagicExample example)
    {
        page.Heading(2, "What it defines");
        foreach (var variable in example.Defines)
        {
            var type = variable.Type;
            var item = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
            page.Heading(3, $"`{CSharpSignatures.Name(type)}`" + (variable.When.Length > 0 ? " " + variable.When : ""))
                .Paragraph($"The variable is a `{type.FullName!.Split('`')[0]}`"
                    + (item is null ? "" : $" of `{item.FullName}`") + "." + (XmlDocs.Summary(item ?? type) is { } summary ? " "
                        + summary : ""));
            foreach (var (group, bullets) in TypeMembers.Describe(item ?? type))
                page.Paragraph((item is null ? group : "Each item's " + group.ToLowerInvariant()) + ":").Bullets(bullets);
        }
    }

    private async Task ErrorsAsync(MarkdownPage page, MagicKernelSession session, MagicExample example, CancellationToken cancellation)
    {
        page.Heading(2, "Errors")
            .Paragraph("Bad input or arguments fail the cell with one error line and no stack trace; the next cell still runs. "
                + "Each case below was run in an in-process kernel from `notebooks/` while this page was generated.");
        foreach (var error in example.Errors)
        {
            var message = _stable.Apply(await session.ErrorOfAsync(error.Cell, cancellation)
                ?? throw new InvalidOperationException($"the error case `{error.Cell}` of {example.Name} succeeded"));
            page.Heading(3, error.Title).Code("text", error.Cell).Paragraph("fails with:").Code("text", message);
        }
    }

    [GeneratedRegex(@"\nExample:\n  (.+)")]
    private static partial Regex ExampleLine();

    [GeneratedRegex(@"--name (\S+)")]
    private static partial Regex VariableOption();
}

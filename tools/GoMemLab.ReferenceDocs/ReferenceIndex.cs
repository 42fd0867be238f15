namespace GoMemLab.ReferenceDocs;

/// <summary>docs/reference/README.md: one line per command and per magic with its page and description, and the exit codes.</summary>
public static class ReferenceIndex
{
    public static ReferencePage Render(IReadOnlyList<ReferencePage> commands, IReadOnlyList<ReferencePage> magics)
    {
        var page = new MarkdownPage("GoMemLab reference")
            .Paragraph("One page per `gomemlab` command and per notebook magic: arguments and options, an example run on the bundled "
                + "artifacts (`data/artifacts`) with its real output, the output columns, and the real error messages. The pages are "
                + "generated from the declarations and from those runs: regenerate them from the repository root with "
                + "`bash scripts/reference-docs.sh`; a test fails when they are out of date.")
            .Heading(2, "Exit codes")
            .Bullets(
            [
                "0: success.",
                "1: a finding, and only a finding — a failing notebook cell (`run`), a new heap escape with `escape diff --fail-on-new`, "
                    + "an unmet or unexpected diagnostic (`escape check`) — so that a CI gate never mistakes a typo for a regression.",
                "2: bad input or arguments: one line on stderr naming the file and the problem; or a command line the parser rejects "
                    + "(an unknown option value, a value of the wrong type, a missing required option): its message on stderr, the "
                        + "usage on stdout.",
                "130: cancelled (Ctrl+C).",
            ])
            .Heading(2, "Commands")
            .Bullets(commands.Select(Line))
            .Heading(2, "Magics")
            .Bullets(magics.Select(Line));
        return new ReferencePage("README.md", "GoMemLab reference", "The index of the reference pages.", page.ToString());
    }

    private static string Line(ReferencePage page) => $"[`{page.Title}`]({page.RelativePath}) — {page.Description}";
}

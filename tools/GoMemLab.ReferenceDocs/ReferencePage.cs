namespace GoMemLab.ReferenceDocs;

/// <summary>
/// A generated Markdown page: its path relative to docs/reference ("/"-separated), the title and one-line
/// description the index lists it with, and its text.
/// </summary>
public sealed record ReferencePage(string RelativePath, string Title, string Description, string Markdown);

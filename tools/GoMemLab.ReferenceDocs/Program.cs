using GoMemLab.Cli.Commands;
using GoMemLab.ReferenceDocs;

// Writes the reference pages — an index, one page per `gomemlab` command and one per magic — from the declarations
// and from real runs on the bundled artifacts, so the docs cannot drift from the code (ReferenceDocsTests compares the
// committed pages with a fresh rendering). Runs inside a checkout: the examples need data/artifacts and notebooks/.
// Usage (scripts/reference-docs.sh): GoMemLab.ReferenceDocs [--out FOLDER], default docs/reference of the checkout.
var here = Directory.GetCurrentDirectory();
var repository = ReferencePages.FindRepository(here);
if (repository is null)
{
    Console.Error.WriteLine($"reference-docs: run inside a GoMemLab checkout: no folder with GoMemLab.sln and data/artifacts above {here}");
    return 2;
}
string folder;
if (args.Length == 0) folder = Path.Combine(repository, "docs", "reference");
else if (args is ["--out", var given]) folder = given;
else
{
    Console.Error.WriteLine("usage: GoMemLab.ReferenceDocs [--out FOLDER]   (default: docs/reference of the checkout)");
    return 2;
}
if (File.Exists(folder))
{
    Console.Error.WriteLine($"reference-docs: --out {folder} is a file; give a folder");
    return 2;
}
var pages = await ReferencePages.RenderAsync(CliRoot.Create(), repository, CancellationToken.None);
var (written, removed) = ReferencePageWriter.Write(folder, pages);
Console.WriteLine($"wrote {written} pages to {folder}"
    + (removed.Count > 0 ? $"; removed {string.Join(", ", removed.Select(r => Path.GetRelativePath(folder, r)))}" : ""));
return 0;

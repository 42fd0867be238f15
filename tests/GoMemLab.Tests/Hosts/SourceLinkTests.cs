using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// A package built from a clone with a GitHub `origin` names the repository and commit, and its embedded pdb
/// maps every source file to that commit's raw URL (SourceLink), so a debugger steps into the exact sources.
/// </summary>
public class SourceLinkTests
{
    private const string Origin = "https://github.com/gomemlab/gomemlab.git";
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void The_core_package_carries_the_repository_and_sourcelink_to_the_commit()
    {
        using var temp = new TempDirectory();
        var clone = Path.Combine(temp.Path, "clone");
        Git(temp.Path, "clone", "--quiet", "--no-hardlinks", RepoPaths.Root, clone);
        Git(clone, "remote", "set-url", "origin", Origin);
        var commit = Git(clone, "rev-parse", "HEAD").Trim();
        var output = Path.Combine(temp.Path, "packages");
        var pack = ExternalProcess.Run("dotnet", ["pack", "src/GoMemLab", "-c", "Release", "-o", output, "-v", "q", "-nologo"], clone,
            TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);

        using var package = ZipFile.OpenRead(Directory.GetFiles(output, "GoMemLab.Core.*.nupkg").Single());
        using (var nuspec = package.GetEntry("GoMemLab.Core.nuspec")!.Open())
        {
            var repository = XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "repository");
            Assert.Equal(Origin, (string?)repository.Attribute("url"));
            Assert.Equal(commit, (string?)repository.Attribute("commit"));
        }

        var dll = new MemoryStream();
        using (var entry = package.GetEntry("lib/net10.0/GoMemLab.Core.dll")!.Open()) entry.CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        var embedded = pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var pdb = pdbProvider.GetMetadataReader();
        var sourceLink = pdb.CustomDebugInformation.Select(pdb.GetCustomDebugInformation)
            .Single(c => pdb.GetGuid(c.Kind) == SourceLinkKind);
        using var json = JsonDocument.Parse(pdb.GetBlobBytes(sourceLink.Value));
        var mapping = json.RootElement.GetProperty("documents").EnumerateObject().Single();
        Assert.Equal($"https://raw.githubusercontent.com/gomemlab/gomemlab/{commit}/*", mapping.Value.GetString());
        // Every compiled source file is under the mapped folder, so each one has a URL.
        var prefix = mapping.Name.TrimEnd('*');
        var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).Where(n
            => n.EndsWith("ProfileLoader.cs")).ToList();
        Assert.Contains(documents, n => n.StartsWith(prefix, StringComparison.Ordinal)
            && n.EndsWith("src/GoMemLab/Profiles/ProfileLoader.cs"));
    }

    private static string Git(string directory, params string[] arguments)
    {
        var result = ExternalProcess.Run("git", arguments, directory, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)} failed:\n{result.Output}");
        return result.Output;
    }
}

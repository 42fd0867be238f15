using GoMemLab.Inputs;
using GoMemLab.Ssa;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Ssa;

/// <summary>
/// GOSSAFUNC builds with the real Go toolchain (each recompiles the standard library: 10–60 s on two busy cores).
/// GOSSAFUNC=main is the seed article's own command: it matches runtime.main as well as main.main.
/// </summary>
public sealed class GoSsaBuildTests
{
    private static readonly string Program = RepoPaths.Data("go", "seed-claims");

    [Fact]
    public async Task Gossafunc_main_gives_the_built_packages_page_first_writes_nothing_into_the_module_and_shows_no_machine_path()
    {
        var before = Snapshot(Program);
        var build = await GoSsaBuild.RunAsync(Program, "main", "./cmd/gossafunc", "-l", "data/go/seed-claims");
        Assert.Equal(before, Snapshot(Program));
        Assert.Equal(("main", "main"), (build.Main.Package, build.Main.Function));
        Assert.Contains(build.Pages, p => p.Package == "runtime" && p.Function == "main");
        Assert.DoesNotContain(RepoPaths.Root, build.Main.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp/", build.Output, StringComparison.Ordinal);
        Assert.Contains("data/go/seed-claims/cmd/gossafunc/main.go", build.Main.Html, StringComparison.Ordinal);

        var dump = build.Load();
        Assert.Equal(["data/go/seed-claims/cmd/gossafunc/main.go"], dump.SourceFiles);
        // The seed's "LocalAddr <*[3]int> {buf} … ROOT": the value is there, no ROOT mark anywhere.
        Assert.Contains(dump.Columns[0].Values, v => v.Op == "LocalAddr" && v.Type == "*[3]int" && v.Rest.StartsWith(" {buf}",
            StringComparison.Ordinal));
        Assert.DoesNotContain("ROOT", build.Main.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_that_is_not_in_the_package_is_one_line()
    {
        var e = await Assert.ThrowsAsync<InputFormatException>(() => GoSsaBuild.RunAsync(Program, "NoSuchFunction", "./escape"));
        Assert.Contains("GOSSAFUNC=NoSuchFunction: the compiler wrote no page for ./escape (example.com/seedclaims/escape)", e.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string Snapshot(string directory) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{p} {(File.Exists(p) ? new FileInfo(p).Length : -1)}"));
}

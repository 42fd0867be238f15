using GoMemLab.Joins;

namespace GoMemLab.Tests.Joins;

public class SourcePathKeyTests
{
    // The three forms of data/artifacts (MANIFEST.md): -trimpath profile, -m log under its package header, -json/-S absolute.
    [Theory]
    [InlineData("example.com/leaky/internal/cache/cache.go", "example.com/leaky/internal/cache",
        "example.com/leaky/internal/cache/cache.go")]
    [InlineData("internal/cache/cache.go", "example.com/leaky/internal/cache", "example.com/leaky/internal/cache/cache.go")]
    [InlineData("./cache.go", "example.com/leaky/internal/cache", "example.com/leaky/internal/cache/cache.go")]
    [InlineData("/src/leaky/internal/cache/cache.go", "example.com/leaky/internal/cache", "example.com/leaky/internal/cache/cache.go")]
    [InlineData("file:///src/leaky/internal/cache/cache.go", null, "/src/leaky/internal/cache/cache.go")]
    [InlineData("cmd/leaky/audit.go", "main", "cmd/leaky/audit.go")]
    [InlineData("./x.go", "command-line-arguments", "x.go")]
    [InlineData("C:\\src\\leaky\\x.go", null, "C:/src/leaky/x.go")]
    [InlineData("file:///C:/src/leaky/x.go", null, "C:/src/leaky/x.go")]
    [InlineData("a/./b/../c.go", null, "a/c.go")]
    [InlineData("cache.go", "example.com/leaky/internal/cache [example.com/leaky/internal/cache.test]",
        "example.com/leaky/internal/cache/cache.go")]
    [InlineData("", "example.com/x", "")]
    public void Normalize_maps_every_form_onto_one_key(string path, string? package, string expected) =>
        Assert.Equal(expected, SourcePathKey.Normalize(path, package));

    [Theory]
    [InlineData("example.com/leaky/internal/cache.(*Cache).Put", "example.com/leaky/internal/cache", false)]
    [InlineData("encoding/json.(*decodeState).object", "encoding/json", true)]
    [InlineData("runtime.mallocgc", "runtime", true)]
    [InlineData("main.run.func1", "main", false)]
    [InlineData("example.com/x.Map[go.shape.string_0,example.com/y.T].Put", "example.com/x", false)]
    [InlineData("nodots", "", false)]
    public void Package_and_standard_library_come_from_the_function_name(string function, string package, bool standard)
    {
        Assert.Equal(package, SourcePathKey.PackageOfFunction(function));
        Assert.Equal(standard, SourcePathKey.IsStandardLibrary(function));
    }

    [Fact]
    public void Resolver_matches_the_longest_unique_suffix_and_refuses_ambiguity()
    {
        var resolver = new SourceFileResolver([
            "/src/leaky/internal/cache/cache.go", "/src/leaky/cmd/leaky/main.go", "/src/other/cmd/tool/main.go",
                "/usr/lib/go-1.19/src/strings/clone.go"]);
        Assert.Equal("/src/leaky/internal/cache/cache.go", resolver.Resolve("example.com/leaky/internal/cache/cache.go"));
        Assert.Equal("/src/leaky/cmd/leaky/main.go", resolver.Resolve("example.com/leaky/cmd/leaky/main.go"));
        Assert.Equal("/usr/lib/go-1.19/src/strings/clone.go", resolver.Resolve("strings/clone.go"));
        Assert.Null(resolver.Resolve("main.go"));                       // two main.go, no directory to decide
        Assert.Null(resolver.Resolve("example.com/x/internal/db/cache.go")); // same base name, different directory
        Assert.Null(resolver.Resolve("example.com/leaky/missing.go"));
    }
}

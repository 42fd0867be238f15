using System.Text.RegularExpressions;
using GoMemLab.AssemblyListings;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.AssemblyListings;

public class AssemblyListingReaderTests
{
    [Fact]
    public void Allocation_calls_match_a_grep_of_the_real_listing()
    {
        var path = RepoPaths.Artifact("escape", "leaky-asm.txt");
        var lines = File.ReadAllLines(path);
        var listing = AssemblyListing.Load(path);
        var calls = listing.Calls;
        foreach (var name in new[] { "newobject", "makeslice", "growslice", "convT64", "convTstring", "makemap_small", "concatstring2" })
            Assert.Equal(lines.Count(l => Regex.IsMatch(l, $@"\tCALL\truntime\.{name}\(SB\)$")),
                calls.Count(c => c.RuntimeFunction == name));
        Assert.DoesNotContain(calls, c => c.RuntimeFunction is "morestack_noctxt" or "gcWriteBarrier" or "memmove");

        var box = Assert.Single(calls, c => c.Function == "example.com/leaky/escape.Box");
        Assert.Equal(("convT64", "example.com/leaky/escape"), (box.RuntimeFunction, box.Package));
        Assert.EndsWith("escape/iface.go", box.File);
        Assert.Equal(11, box.Line);
        Assert.Equal(calls.Count, listing.ToDataFrame().Rows.Count);
        Assert.Equal(calls.Count, listing.CallsByFunction().Columns["calls"].Cast<long>().Sum());
    }

    [Fact]
    public void Binary_and_other_text_are_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.bin"), [1, 0, 2]);
        Assert.Throws<InputFormatException>(() => AssemblyListing.Load(dir.File("a.bin")));
        File.WriteAllText(dir.File("m.txt"), "escape/iface.go:11:9: v escapes to heap\n");
        Assert.Contains("STEXT", Assert.Throws<InputFormatException>(() => AssemblyListing.Load(dir.File("m.txt"))).Message);
        File.WriteAllText(dir.File("empty.txt"), "");
        // An empty file is stdout redirected instead of stderr; the message says so.
        Assert.Contains("2> FILE", Assert.Throws<InputFormatException>(() => AssemblyListing.Load(dir.File("empty.txt"))).Message);
        // Captured output (#!gobuild) with no listing is just empty.
        Assert.Empty(AssemblyListing.Parse([], "go build").Calls);
    }
}

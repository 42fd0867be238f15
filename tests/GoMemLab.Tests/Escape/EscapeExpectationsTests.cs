using System.Text;
using GoMemLab.Escape;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

public class EscapeExpectationsTests
{
    private static readonly string Catalogue = RepoPaths.Data("go", "leaky", "escape");

    [Theory]
    [InlineData("leaky-m1.txt")]
    [InlineData("leaky-m2.txt")]
    public void The_catalogue_annotations_hold_for_the_real_logs(string log)
    {
        var expectations = EscapeExpectations.Read(Catalogue);
        Assert.True(expectations.Count(e => e.Line > 0) > 50);
        Assert.Empty(EscapeExpectations.Check(EscapeLog.Load(RepoPaths.Artifact("escape", log)), expectations));
    }

    [Fact]
    public void A_missing_diagnostic_is_unmet_and_an_extra_one_is_unexpected()
    {
        var original = File.ReadAllLines(RepoPaths.Artifact("escape", "leaky-m1.txt"));
        var moved = original.Single(l => l.StartsWith("escape/closure.go:6:") && l.EndsWith("moved to heap: n"));
        var edited = original.Where(l => l != moved).Append("escape/closure.go:16:2: moved to heap: total").ToArray();
        var log = EscapeTextReader.Read(Encoding.UTF8.GetBytes(string.Join("\n", edited)), "edited");
        var findings = EscapeExpectations.Check(log, EscapeExpectations.Read(Catalogue));
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Status == "unmet" && f.Line == 6 && f.Pattern == "moved to heap: n" && f.SourceFile.EndsWith("closure.go"));
        Assert.Contains(findings, f => f.Status == "unexpected" && f.Line == 16 && f.Message == "moved to heap: total");
    }

    [Fact]
    public void An_invalid_regex_names_the_source_line()
    {
        using var dir = new TempDirectory();
        var go = dir.File("bad.go");
        File.WriteAllText(go, "package bad\n\nfunc F() {} // ERROR \"can inline (F\"\n");
        var log = EscapeTextReader.Read(Encoding.UTF8.GetBytes("bad.go:3:6: can inline F\n"), "log");
        var e = Assert.Throws<InputFormatException>(() => EscapeExpectations.Check(log, EscapeExpectations.Read(go)));
        Assert.Equal(3, e.Line);
    }
}

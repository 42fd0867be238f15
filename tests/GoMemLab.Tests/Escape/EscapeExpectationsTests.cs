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
        var expectations = EscapeExpectations.Load(Catalogue);
        Assert.True(expectations.Expectations.Count > 50);
        var findings = expectations.Check(EscapeLog.Load(RepoPaths.Artifact("escape", log)));
        Assert.True(findings.AllMet, findings.Describe());
        Assert.Empty(findings.Rows);
    }

    [Fact]
    public void A_missing_diagnostic_is_unmet_and_an_extra_one_is_unexpected()
    {
        var original = File.ReadAllLines(RepoPaths.Artifact("escape", "leaky-m1.txt"));
        var moved = original.Single(l => l.StartsWith("escape/closure.go:6:") && l.EndsWith("moved to heap: n"));
        var edited = original.Where(l => l != moved).Append("escape/closure.go:16:2: moved to heap: total").ToArray();
        var log = EscapeLog.Parse(Encoding.UTF8.GetBytes(string.Join("\n", edited)), "edited");
        var findings = EscapeExpectations.Load(Catalogue).Check(log);
        Assert.Equal(2, findings.Rows.Count);
        Assert.Contains(findings.Rows, f => f.Status == EscapeFindingStatus.Unmet && f.Line == 6 && f.Pattern == "moved to heap: n"
            && f.SourceFile.EndsWith("closure.go"));
        Assert.Contains(findings.Rows, f => f.Status == EscapeFindingStatus.Unexpected && f.Line == 16
            && f.Message == "moved to heap: total");
        Assert.Equal("1 unmet, 1 unexpected", findings.Describe());
        Assert.Equal(["unexpected", "unmet"], findings.ToDataFrame().Columns["status"].Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_invalid_regex_names_the_source_line()
    {
        using var dir = new TempDirectory();
        var go = dir.File("bad.go");
        File.WriteAllText(go, "package bad\n\nfunc F() {} // ERROR \"can inline (F\"\n");
        var log = EscapeLog.Parse(Encoding.UTF8.GetBytes("bad.go:3:6: can inline F\n"), "log");
        var e = Assert.Throws<InputFormatException>(() => EscapeExpectations.Load(go).Check(log));
        Assert.Equal(3, e.Line);
    }
}

using GoMemLab.Escape;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

public class EscapeJsonReaderTests
{
    private static string Relative(string file) => file.Contains("/leaky/") ? file[(file.LastIndexOf("/leaky/") + 7)..] : file;

    // The text form prints no decision for go/defer wrapper closures, only their explanation (kept as
    // "other"); the JSON form has a decision record for them. Both count here.
    private static List<string> HeapDecisions(EscapeLog log) => log.Diagnostics
        .Where(d => d.Kind.IsHeapDecision() || d.Message.EndsWith(" escapes to heap:"))
        .Select(d => $"{Relative(d.File)}:{d.Line}:{d.Column} {(d.Kind == EscapeKind.Other ? "escapes-to-heap" : d.Kind.ToText())} "
            + $"{(d.Kind == EscapeKind.Other ? d.Message[..^17] : d.Subject)} "
                + $"steps={log.StepsOf(d).Count(s => s.Kind == FlowStepKind.From)}")
        .Order(StringComparer.Ordinal).ToList();

    // The JSON positions are used as is: this proves they are the text form's 1-based line:col.
    [Fact]
    public void Json_directory_gives_the_same_heap_decisions_positions_and_flows_as_the_text_log()
    {
        var json = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-json"));
        var text = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-m2.txt"));
        Assert.Equal(HeapDecisions(text), HeapDecisions(json));
        Assert.Equal(text.CountByKind()[EscapeKind.ParamLeaks], json.CountByKind()[EscapeKind.ParamLeaks]);
        Assert.Equal(text.CountByKind()[EscapeKind.CanInline], json.CountByKind()[EscapeKind.CanInline]);
        Assert.Equal(text.CountByKind()[EscapeKind.CannotInline], json.CountByKind()[EscapeKind.CannotInline]);

        var textBox = text.Diagnostics.Single(d => d.File.EndsWith("escape/iface.go") && d.Line == 11
            && d.Kind == EscapeKind.EscapesToHeap);
        var jsonBox = json.Diagnostics.Single(d => d.File.EndsWith("escape/iface.go") && d.Line == 11
            && d.Kind == EscapeKind.EscapesToHeap);
        Assert.Equal(
            text.StepsOf(textBox).Select(s => (s.Kind, s.Destination, s.Source, s.Expression, s.Reason, s.AtLine, s.AtColumn)),
            json.StepsOf(jsonBox).Select(s => (s.Kind, s.Destination, s.Source, s.Expression, s.Reason, s.AtLine, s.AtColumn)));
        Assert.Equal("example.com/leaky/escape", jsonBox.Package);
    }

    [Fact]
    public void Malformed_json_line_is_an_input_error_with_its_line()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("pkg"));
        File.WriteAllText(dir.File("pkg/a.json"),
            "{\"version\":0,\"package\":\"p\",\"file\":\"/a.go\"}\n{\"range\":{\"start\":{\"line\":3,");
        var e = Assert.Throws<InputFormatException>(() => EscapeLog.Load(dir.Path));
        Assert.Equal(2, e.Line);
        Directory.CreateDirectory(dir.File("empty"));
        Assert.Contains("no .json files", Assert.Throws<InputFormatException>(() => EscapeLog.Load(dir.File("empty"))).Message);
    }
}

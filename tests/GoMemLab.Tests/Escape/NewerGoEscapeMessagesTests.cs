using GoMemLab.Escape;

namespace GoMemLab.Tests.Escape;

/// <summary>
/// -m messages of Go releases newer than the 1.19 installed here, as their source writes them:
/// <list type="bullet">
/// <item><c>append escapes to heap</c> / <c>append does not escape</c>: Go's test/fixedbugs/issue12006.go in the current
/// source annotates <c>vals = append(vals, x) // ERROR "append does not escape"</c> and, when the result is stored in a
/// global, <c>// ERROR "append escapes to heap"</c> (Go 1.19's copy of that file, /usr/share/go-1.19/test/fixedbugs, has
/// no such annotation: 1.19 says nothing about append);</item>
/// <item><c>-d=escapemutationscalls</c> (cmd/compile/internal/escape/escape.go, paramTag: <c>"mutates param: %v derefs=%v"</c>,
/// <c>"calls param: %v derefs=%v"</c>, <c>"%v does not escape, mutate, or call"</c>; test/escape_mutations.go).</item>
/// </list>
/// </summary>
public class NewerGoEscapeMessagesTests
{
    [Theory]
    [InlineData("append escapes to heap", EscapeKind.EscapesToHeap, "append")]
    [InlineData("append does not escape", EscapeKind.DoesNotEscape, "append")]
    [InlineData("b does not escape, mutate, or call", EscapeKind.DoesNotEscape, "b")]
    [InlineData("mutates param: b derefs=0", EscapeKind.Other, "")]
    [InlineData("calls param: p derefs=0", EscapeKind.Other, "")]
    public void Messages_of_newer_go_are_classified(string message, EscapeKind kind, string subject)
    {
        var c = EscapeMessage.Classify(message);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(subject, c.Subject);
    }

    [Fact]
    public void A_log_with_them_reads_every_line_and_keeps_the_unclassified_ones()
    {
        // Lines in the shape the compiler prints them for test/escape_mutations.go and test/fixedbugs/issue12006.go.
        var log = """
            ./escape_mutations.go:17:9: mutates param: b derefs=0
            ./escape_mutations.go:41:9: b does not escape, mutate, or call
            ./escape_mutations.go:58:8: mutates param: out derefs=0
            ./escape_mutations.go:58:22: s does not escape, mutate, or call
            ./issue12006.go:20:15: append does not escape
            ./issue12006.go:27:15: append escapes to heap
            """;
        var parsed = EscapeLog.Parse(log, "newer-m.txt");
        var kinds = parsed.CountByKind();
        Assert.Equal(6, parsed.ToDataFrame().Rows.Count);
        Assert.Equal(3, kinds[EscapeKind.DoesNotEscape]);
        Assert.Equal(1, kinds[EscapeKind.EscapesToHeap]);
        Assert.Equal(2, kinds[EscapeKind.Other]); // "mutates param" kept verbatim, counted, never dropped
    }
}

using GoMemLab.Escape;

namespace GoMemLab.Tests.Escape;

/// <summary>
/// Every message form the classifier knows, with the kind, the subject and whether it opens an explanation. The
/// messages are lines of the committed Go 1.19 logs (data/artifacts/escape, named beside each case) or, for the forms
/// this Go does not print there, the format strings of Go's source (named too). The names are the CSV contract of
/// `gomemlab escape --format csv` (kind, cause).
/// </summary>
public class EscapeMessageTests
{
    [Theory]
    // data/artifacts/escape/causes-m2.txt, leaky-m2.txt, leaky-m1.txt, fix-*-m2.txt
    [InlineData("t.M escapes to heap:", "escapes-to-heap", "t.M", true)]
    [InlineData("&Record{...} escapes to heap", "escapes-to-heap", "&Record{...}", false)]
    [InlineData("moved to heap: n", "moved-to-heap", "n", false)]
    [InlineData("r does not escape", "does-not-escape", "r", false)]
    [InlineData("leaking param content: r", "leaking-param-content", "r", false)]
    [InlineData("leaking param: dst to result ~r0 level=0", "leaking-param-to-result", "dst", false)]
    [InlineData("leaking param: p", "leaking-param", "p", false)]
    [InlineData("parameter t leaks to {storage for t.M} with derefs=0:", "param-leaks", "t", true)]
    [InlineData("parameter t leaks to {heap} with derefs=0", "param-leaks", "t", false)]
    [InlineData("can inline fnv1a with cost 20 as: func([]byte) uint64 { h := uint64(offset); return h }", "can-inline", "fnv1a", false)]
    [InlineData("can inline fnv1a", "can-inline", "fnv1a", false)]
    [InlineData("cannot inline (*T).M: marked go:noinline", "cannot-inline", "(*T).M", false)]
    [InlineData("cannot inline (*T).M", "cannot-inline", "(*T).M", false)]
    [InlineData("inlining call to fnv1a", "inlining-call", "fnv1a", false)]
    // cmd/compile/internal/devirtualize (Go 1.19): "devirtualizing %v to %v"
    [InlineData("devirtualizing w.Write to *bytes.Buffer", "devirtualized", "w.Write", false)]
    [InlineData("devirtualizing w.Write", "devirtualized", "w.Write", false)]
    // cmd/compile/internal/escape/escape.go after Go 1.19, with -d=escapemutationscalls
    [InlineData("p does not escape, mutate, or call", "does-not-escape", "p", false)]
    [InlineData("mutates param: p derefs=0", "other", "", false)]
    [InlineData("DeferAtTopLevel capturing by value: .autotmp_0 (addr=false assign=false width=8)", "other", "", false)]
    // Not the compiler's forms: a "parameter" line without derefs, and derefs without "parameter".
    [InlineData("parameter t leaks to {heap}", "other", "", false)]
    [InlineData("result of f leaks to {heap} with derefs=0", "other", "", false)]
    public void Each_form_has_its_kind_subject_and_opening(string message, string kind, string subject, bool opens)
    {
        var c = EscapeMessage.Classify(message);
        Assert.Equal((kind, subject, opens), (c.Kind.ToText(), c.Subject, c.OpensExplanation));
    }

    [Theory]
    // An empty name is never printed, but where the marker comes first the line still reads by its marker.
    [InlineData("leaking param:  to result ~r0 level=0", "leaking-param-to-result", "")]
    [InlineData("parameter  leaks to {heap} with derefs=0", "other", "")]
    [InlineData("can inline  with cost 5 as: func() {}", "can-inline", "")]
    [InlineData("cannot inline : marked go:noinline", "cannot-inline", "")]
    public void A_marker_right_after_the_prefix_leaves_an_empty_subject(string message, string kind, string subject)
    {
        var c = EscapeMessage.Classify(message);
        Assert.Equal((kind, subject), (c.Kind.ToText(), c.Subject));
    }

    [Fact]
    public void Kind_and_cause_names_are_the_csv_contract_and_parse_back()
    {
        string[] kinds = ["moved-to-heap", "escapes-to-heap", "does-not-escape", "leaking-param", "leaking-param-content",
            "leaking-param-to-result", "param-leaks", "can-inline", "cannot-inline", "inlining-call", "devirtualized", "other"];
        Assert.Equal(kinds.Order(StringComparer.Ordinal),
            Enum.GetValues<EscapeKind>().Select(k => k.ToText()).Order(StringComparer.Ordinal));
        Assert.Equal(["captured-by-closure", "converted-to-interface", "passed-to-leaking-parameter", "returned-to-caller", "spill",
            "stored-in-global-or-heap", "too-large-or-non-constant-size", "unknown"],
            Enum.GetValues<EscapeCauseKind>().Select(k => k.ToText()).Order(StringComparer.Ordinal));
        Assert.All(Enum.GetValues<EscapeKind>(), k => Assert.Equal(k, EscapeKindText.Parse($" {k.ToText().ToUpperInvariant()} ")));
        var e = Assert.Throws<ArgumentException>(() => EscapeKindText.Parse("heap"));
        Assert.Equal("unknown escape kind 'heap'; expected one of: " + string.Join(", ", EscapeKindText.All), e.Message);
        Assert.Equal(Enum.GetValues<EscapeKind>().Length, EscapeKindText.All.Distinct().Count());
    }
}

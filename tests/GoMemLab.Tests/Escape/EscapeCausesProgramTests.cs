using System.Text.RegularExpressions;
using GoMemLab.Escape;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

/// <summary>
/// The causes the leaky catalogue does not make, on Go 1.19's -m=2 log of data/go/escape-causes
/// (data/gen/68-escape-causes.sh): a method value spilled straight to the heap by a go statement and by a defer in a
/// loop, and a defer in a loop whose argument the wrapper closure captures.
/// </summary>
public class EscapeCausesProgramTests
{
    private static readonly string LogPath = RepoPaths.Artifact("escape", "causes-m2.txt");

    [Theory]
    [InlineData(16, "t.M", "spill")]                  // go (func())(t.M)()
    [InlineData(23, "t.M", "spill")]                  // defer (func())(t.M)() in a loop
    [InlineData(33, "&T{}", "captured-by-closure")]   // defer (&T{}).M() in a loop: the argument, captured by Go's wrapper
    public void Each_heap_decision_gets_the_cause_its_flow_shows(int line, string subject, string cause)
    {
        var log = EscapeLog.Load(LogPath);
        var d = Assert.Single(log.Diagnostics, d => d.Line == line && d.Subject == subject && d.Kind.IsHeapDecision());
        Assert.Equal(cause, EscapeCause.Classify(log, d).ToText());
    }

    [Fact]
    public void Spill_is_exactly_the_explanations_whose_steps_grep_as_spill_only()
    {
        // The reference, read with a regex from the text: an explanation ("X escapes to heap:" and its indented lines)
        // whose "from … (reason) at" lines all give the reason spill, for anything but the go/defer wrapper closure.
        var lines = File.ReadAllLines(LogPath);
        var expected = new List<(int Line, string Subject)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var head = Regex.Match(lines[i], @"^causes/causes\.go:(\d+):\d+: (.+) escapes to heap:$");
            if (!head.Success) continue;
            var reasons = lines.Skip(i + 1).TakeWhile(l => Regex.IsMatch(l, @"^\S+:\d+:\d+:   "))
                .Select(l => Regex.Match(l, @"^\S+:   +from .* \((?<why>[^()]+)\) at ").Groups["why"])
                .Where(g => g.Success).Select(g => g.Value).ToList();
            if (reasons.Count > 0 && reasons.All(r => r == "spill") && head.Groups[2].Value != "func literal")
                expected.Add((int.Parse(head.Groups[1].Value), head.Groups[2].Value));
        }
        Assert.Equal(2, expected.Count);

        var log = EscapeLog.Load(LogPath);
        var spill = log.Diagnostics.Where(d => d.Kind.IsHeapDecision() && EscapeCause.Classify(log, d) == EscapeCauseKind.Spill)
            .Select(d => (d.Line, d.Subject)).Distinct().OrderBy(x => x.Line).ToList();
        Assert.Equal(expected.OrderBy(x => x.Line), spill);
    }

    [Fact]
    public void The_wrapper_of_a_looped_defer_is_explained_but_not_decided()
    {
        // Go 1.19 prints "func literal escapes to heap:" and its spill for the wrapper it writes, and no decision line
        // (grep finds the header only): the wrapper is kept as an explanation, not counted as a heap decision.
        var lines = File.ReadAllLines(LogPath);
        Assert.Contains("causes/causes.go:33:3: func literal escapes to heap:", lines);
        Assert.DoesNotContain("causes/causes.go:33:3: func literal escapes to heap", lines);
        var log = EscapeLog.Load(LogPath);
        var wrapper = Assert.Single(log.Diagnostics,
            d => d.Line == 33 && d.Subject == "func literal" || d.Message == "func literal escapes to heap:");
        Assert.Equal(EscapeKind.Other, wrapper.Kind);
        Assert.Equal(2, wrapper.FlowStepCount); // the flow line and its one spill step
        Assert.Equal("unknown", EscapeCause.Classify(log, wrapper).ToText());
    }

    [Fact]
    public void A_defer_outside_any_loop_keeps_its_argument_on_the_stack()
    {
        var log = EscapeLog.Load(LogPath);
        var d = Assert.Single(log.Diagnostics, d => d.Line == 40 && d.Subject == "&T{}");
        Assert.Equal(EscapeKind.DoesNotEscape, d.Kind);
        Assert.DoesNotContain(log.Diagnostics, d => d.Line == 40 && d.Kind.IsHeapDecision());
    }
}

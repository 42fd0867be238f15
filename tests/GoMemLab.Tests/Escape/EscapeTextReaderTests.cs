using System.Text;
using System.Text.RegularExpressions;
using GoMemLab.Escape;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

public class EscapeTextReaderTests
{
    // Independent of the reader: what `grep -c` would count on the same file.
    private static int Grep(string[] lines, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        return lines.AsParallel().Count(regex.IsMatch);
    }

    private const string Position = @"^\S+:\d+(:\d+)?: ";

    internal static void AssertEveryLineAccountedFor(string path)
    {
        var log = EscapeLog.Load(path);
        var lines = File.ReadAllLines(path);
        var positioned = Grep(lines, Position);
        var steps = Grep(lines, Position + "  ");
        var headers = Grep(lines, Position + @"(?! ).* escapes to heap:$");
        var orphans = log.Diagnostics.Count(d => d.Kind == EscapeKind.Other && d.Message.EndsWith(" escapes to heap:"));
        Assert.Equal(steps, log.FlowStepCount);
        Assert.Equal(positioned, log.Diagnostics.Count(d => d.File.Length > 0) + steps + headers - orphans);
        Assert.Equal(lines.Count(l => l.Trim().Length > 0 && !l.StartsWith("# ") && !Regex.IsMatch(l, Position)), log.UnpositionedLines);

        var counts = log.CountByKind();
        Assert.Equal(Grep(lines, Position + "moved to heap: "), counts[EscapeKind.MovedToHeap]);
        Assert.Equal(Grep(lines, Position + @"(?! ).* escapes to heap$"), counts[EscapeKind.EscapesToHeap]);
        Assert.Equal(Grep(lines, Position + @"(?! ).* does not escape$"), counts[EscapeKind.DoesNotEscape]);
        Assert.Equal(Grep(lines, Position + "leaking param content: "), counts[EscapeKind.LeakingParamContent]);
        Assert.Equal(Grep(lines, Position + "leaking param: .* to result "), counts[EscapeKind.LeakingParamToResult]);
        Assert.Equal(Grep(lines, Position + "leaking param: ") - counts[EscapeKind.LeakingParamToResult], counts[EscapeKind.LeakingParam]);
        Assert.Equal(Grep(lines, Position + @"parameter .* leaks to .* with derefs=-?\d+:?$"), counts[EscapeKind.ParamLeaks]);
        Assert.Equal(Grep(lines, Position + "can inline "), counts[EscapeKind.CanInline]);
        Assert.Equal(Grep(lines, Position + "cannot inline "), counts[EscapeKind.CannotInline]);
        Assert.Equal(Grep(lines, Position + "inlining call to "), counts[EscapeKind.InliningCall]);
        Assert.Equal(Grep(lines, Position + "devirtualizing "), counts[EscapeKind.Devirtualized]);
    }

    [Theory]
    [InlineData("leaky-m1.txt")]
    [InlineData("leaky-m2.txt")]
    public void Every_line_of_a_real_log_is_a_diagnostic_or_a_step_and_kinds_match_grep(string name) =>
        AssertEveryLineAccountedFor(GoBuild.LeakyArtifact(name));

    [Fact]
    public void M2_explanations_attach_to_their_decision_in_order()
    {
        var log = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-m2.txt"));
        var box = Assert.Single(log.Diagnostics, d => d.File.EndsWith("escape/iface.go") && d.Line == 11
            && d.Kind == EscapeKind.EscapesToHeap);
        Assert.Equal("v", box.Subject);
        Assert.Equal("Box", box.Function);
        var steps = log.StepsOf(box).ToList();
        Assert.Equal(3, steps.Count);
        Assert.Equal((FlowStepKind.Flow, "~r0", "&{storage for v}"), (steps[0].Kind, steps[0].Destination, steps[0].Source));
        Assert.Equal(("v", "spill"), (steps[1].Expression, steps[1].Reason));
        Assert.Equal(("return v", "return", 11, 2), (steps[2].Expression, steps[2].Reason, steps[2].AtLine, steps[2].AtColumn));
        Assert.EndsWith("escape/iface.go", steps[2].AtFile);
        // Every heap decision of the catalogue package is explained under -m=2.
        Assert.All(log.Diagnostics.Where(d => d.Package.EndsWith("/escape") && d.Kind.IsHeapDecision()),
            d => Assert.True(d.FlowStepCount > 0, d.Message));
    }

    [Fact]
    public void Crlf_line_endings_read_the_same_as_lf()
    {
        var path = GoBuild.LeakyArtifact("leaky-m2.txt");
        var lf = File.ReadAllBytes(path);
        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(lf).Replace("\n", "\r\n"));
        Assert.Equal(Describe(EscapeLog.Parse(lf, "lf")), Describe(EscapeLog.Parse(crlf, "crlf")));
    }

    // Go 1.21+ prints "flow: A ← B:" where 1.19 prints "flow: A = B:". Only Go 1.19 is installed here,
    // so this variant is synthesized from the real 1.19 log by rewriting the first top-level " = ".
    [Fact]
    public void Newer_go_arrow_flows_parse_like_go119_flows()
    {
        var path = GoBuild.LeakyArtifact("leaky-m2.txt");
        var original = File.ReadAllText(path);
        var arrow = Regex.Replace(original, @"(?m)^(\S+:   flow: )(.*)$", m =>
        {
            var step = FlowStep.Parse(0, 0, "flow: " + m.Groups[2].Value);
            return m.Groups[1].Value + step.Destination + " ← " + step.Source + ":";
        });
        Assert.NotEqual(original, arrow);
        var a = EscapeLog.Parse(Encoding.UTF8.GetBytes(original), "1.19");
        var b = EscapeLog.Parse(Encoding.UTF8.GetBytes(arrow), "arrow");
        var flowsA = a.Diagnostics.SelectMany(a.StepsOf).Select(s => (s.Kind, s.Destination, s.Source, s.Reason)).ToList();
        var flowsB = b.Diagnostics.SelectMany(b.StepsOf).Select(s => (s.Kind, s.Destination, s.Source, s.Reason)).ToList();
        Assert.Equal(flowsA, flowsB);
        Assert.Contains(flowsA, f => f.Kind == FlowStepKind.Flow && f.Source.Length > 0);
    }

    [Fact]
    public void Several_packages_and_absolute_paths_keep_their_package_and_file()
    {
        var log = EscapeLog.Load(GoBuild.LeakyArtifact("leaky-m2.txt"));
        var packages = log.Diagnostics.Select(d => d.Package).Distinct().ToList();
        Assert.Contains("example.com/leaky/internal/cache", packages);
        Assert.Contains("example.com/leaky/escape", packages);
        Assert.All(log.Diagnostics.Where(d => d.Package == "example.com/leaky/escape"), d => Assert.Contains("escape/", d.File));
    }

    [Fact]
    public void Empty_output_is_an_empty_table_an_empty_file_is_refused_and_unknown_lines_are_other()
    {
        // Captured output (#!gobuild) may have no diagnostics; an empty file is `> FILE` where `2> FILE` was meant.
        Assert.Equal(0, EscapeLog.Parse([], "empty").ToDataFrame().Rows.Count);
        using (var dir = new TempDirectory())
        {
            File.WriteAllText(dir.File("m.txt"), "");
            var error = Assert.Throws<InputFormatException>(() => EscapeLog.Load(dir.File("m.txt")));
            Assert.Equal($"{dir.File("m.txt")}: is empty, expected go build -gcflags=-m output (the compiler prints it on stderr: go build "
                + "-gcflags=-m 2> FILE)", error.Message);
        }
        var log = EscapeLog.Parse(Encoding.UTF8.GetBytes("# p\na.go:1:2: something new from a future Go\nnote: module requires Go "
            + "1.99\na.go:3: x escapes to heap\n"), "odd");
        Assert.Equal([EscapeKind.Other, EscapeKind.Other, EscapeKind.EscapesToHeap], log.Diagnostics.Select(d => d.Kind));
        Assert.Equal(1, log.UnpositionedLines);
        Assert.Equal(0, log.Diagnostics[2].Column); // Go omits columns above 255.
    }

    [Fact]
    public void Binary_and_non_log_files_are_refused_with_the_file_name()
    {
        using var dir = new TempDirectory();
        var binary = dir.File("x.pb.gz");
        File.WriteAllBytes(binary, [0x08, 0x00, 0x01, 0x02]);
        Assert.Contains("x.pb.gz", Assert.Throws<InputFormatException>(() => EscapeLog.Load(binary)).Message);
        var text = dir.File("readme.txt");
        File.WriteAllText(text, "hello\nworld\n");
        Assert.Contains("no file:line:col", Assert.Throws<InputFormatException>(() => EscapeLog.Load(text)).Message);
        Assert.Throws<InputFormatException>(() => EscapeLog.Load(dir.File("missing.txt")));
    }

    private static string Describe(EscapeLog log) => string.Join("\n", log.Diagnostics.Select(d =>
        $"{d.Package}|{d.File}|{d.Line}|{d.Column}|{d.Function}|{d.Kind}|{d.Subject}|{d.Message}|" +
        string.Join("/", log.StepsOf(d).Select(s => s.Text))));
}

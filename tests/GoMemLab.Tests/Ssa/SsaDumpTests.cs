using System.Text.RegularExpressions;
using GoMemLab.Charts;
using GoMemLab.Inputs;
using GoMemLab.Ssa;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Ssa;

/// <summary>
/// The ssa.html reader on real GOSSAFUNC pages of Go 1.19 (data/artifacts/ssa, made by data/gen/62-ssa.sh from
/// data/go/leaky/escape). Reference values come from elsewhere: the raw markup counted with plain string search, the
/// committed <c>-m</c> log and <c>-S</c> listing of the same package.
/// </summary>
public sealed partial class SsaDumpTests
{
    private static readonly string NewPointPage = RepoPaths.Artifact("ssa", "NewPoint.html");
    private static readonly SsaDump NewPoint = SsaDump.Load(NewPointPage);

    [Fact]
    public void The_value_counts_of_every_column_are_the_pages_own()
    {
        // Split the raw text at each column's opening tag and count the value items: no HTML parser involved.
        var raw = File.ReadAllText(NewPointPage);
        var segments = ColumnStart().Split(raw).Skip(1).Where(s => s.Contains("ssa-print-func", StringComparison.Ordinal)).ToList();
        Assert.Equal(segments.Count, NewPoint.Columns.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            Assert.Equal(Regex.Count(segments[i], "<li class=\"ssa-long-value"), NewPoint.Columns[i].Values.Count);
            Assert.Equal(Regex.Count(segments[i], "<li class=\"ssa-long-value dead-value"), NewPoint.Columns[i].Values.Count(v => v.Dead));
            Assert.Equal(Regex.Count(segments[i], "<h2>"), NewPoint.Columns[i].Phases.Count);
        }
    }

    [Fact]
    public void Passes_list_every_phase_of_the_compiler_once_in_order()
    {
        // `go tool compile -d ssa/help` lists the phases (names with '_' for ' '); the page adds "before insert phis" and "start".
        var passes = NewPoint.Passes().Rows;
        Assert.Equal("before insert phis", passes[0].Pass);
        Assert.Equal("start", passes[1].Pass);
        Assert.Equal(passes.Count, passes.Select(p => p.Pass).Distinct().Count());
        Assert.Contains(passes, p => p.Pass == "expand calls");
        Assert.Contains(passes, p => p.Pass == "regalloc");
        // A column is drawn when a phase changed the function, so each column's last phase is the one that changed it.
        Assert.True(passes.Count(p => p.Changed) >= NewPoint.Columns.Count - 1);
        Assert.All(passes.Where(p => p.Pass != "before insert phis" && p.Pass != "start"), p => Assert.NotNull(p.TimeNs));
    }

    [Fact]
    public void The_heap_escape_becomes_a_newobject_call_in_every_phase_and_in_the_assembly()
    {
        // Reference: the committed -m log says p is moved to the heap at pointer.go:16, and the -S listing of the same
        // package calls runtime.newobject from escape.NewPoint at line 16.
        var moved = File.ReadLines(RepoPaths.Artifact("escape", "leaky-m1.txt")).Single(l => l.StartsWith("escape/pointer.go:16:",
            StringComparison.Ordinal) && l.EndsWith("moved to heap: p", StringComparison.Ordinal));
        Assert.NotNull(moved);
        var asmLine = AsmNewobjectLine();
        Assert.Equal(16, asmLine);

        Assert.Contains(NewPoint.HeapNames(), n => n.Name.EndsWith(".p",
            StringComparison.Ordinal) && n.Position.EndsWith("pointer.go:16:2", StringComparison.Ordinal));
        var sites = NewPoint.CallsTo("runtime.newobject");
        Assert.Equal(NewPoint.Columns.Count, sites.Count(s => s.Phases != "genssa"));
        Assert.Equal("StaticLECall", sites[0].Op);
        Assert.Contains(sites, s => s.Op == "StaticCall");
        Assert.Contains(sites, s => s.Op == "CALLstatic");
        var call = Assert.Single(sites, s => s.Phases == "genssa");
        Assert.Equal(asmLine, call.Line);
        Assert.Equal("CALL runtime.newobject(SB)", call.Text);
        Assert.All(sites, s => Assert.Equal(asmLine, s.Line));
    }

    [Fact]
    public void A_function_that_keeps_its_value_on_the_stack_calls_no_newobject()
    {
        var makePoint = SsaDump.Load(RepoPaths.Artifact("ssa", "MakePoint.html"));
        Assert.Equal("MakePoint", makePoint.Function);
        Assert.Empty(makePoint.CallsTo("runtime.newobject"));
        Assert.Empty(makePoint.HeapNames());
        Assert.DoesNotContain("runtime.newobject", File.ReadAllText(RepoPaths.Artifact("ssa", "MakePoint.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_one_line_naming_the_file()
    {
        var m2 = RepoPaths.Artifact("escape", "leaky-m2.txt");
        var notSsa = Assert.Throws<InputFormatException>(() => SsaDump.Load(m2));
        Assert.Equal($"{m2}: is not the ssa.html GOSSAFUNC writes: no SSA column (ul.ssa-print-func) in it", notSsa.Message);
        var profile = RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz");
        Assert.StartsWith(profile, Assert.Throws<InputFormatException>(() => SsaDump.Load(profile)).Message, StringComparison.Ordinal);
        var noTitle = Assert.Throws<InputFormatException>(() => SsaHtmlReader.Read("<ul class=\"ssa-print-func\"></ul>"u8.ToArray(),
            "x.html"));
        Assert.Equal("x.html: is not the ssa.html GOSSAFUNC writes: no <h1> with the function name", noTitle.Message);
    }

    [Fact]
    public void A_page_nested_deeper_than_any_real_one_is_refused_before_the_html_parser_sees_it()
    {
        // 100,000 nested <li> took the HTML5 tree builder minutes (it scans the open elements for each <li>).
        var deep = "<html><body><h1>F</h1><table><tr><td id=\"x-exp\"><h2>opt</h2>"
            + string.Concat(Enumerable.Repeat("<ul class=\"ssa-print-func\"><li class=\"ssa-long-value\">",
            50_000)) + "</td></tr></table></body></html>";
        var e = Assert.Throws<InputFormatException>(() => SsaHtmlReader.Read(System.Text.Encoding.UTF8.GetBytes(deep), "deep.html"));
        Assert.StartsWith("deep.html (at byte ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("): nests elements more than 500 deep; GOSSAFUNC's ssa.html nests about ten", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_prints_the_pass_table_and_refuses_another_format_with_exit_2()
    {
        var (exit, stdout, _) = GomemlabCli.Run("ssa", NewPointPage, "--format", "csv");
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal("pass,column,changed,blocks,values,dead_values,time_ns,calls", lines[0]);
        Assert.Equal(NewPoint.Passes().Rows.Count + 1, lines.Length);
        var bad = GomemlabCli.Run("ssa", RepoPaths.Artifact("escape", "leaky-m2.txt"));
        Assert.Equal(2, bad.Exit);
        Assert.Single(bad.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void The_embedded_page_cannot_break_out_of_its_iframe()
    {
        const string hostile = "<html><body><h1>F</h1>\"></iframe><script>parent.document.title='x'</script></body></html>";
        var html = SsaPageView.ToHtml(hostile, "t");
        Assert.StartsWith("<iframe ", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<iframe"));
        Assert.Single(Regex.Matches(html, "</iframe>"));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("sandbox=\"allow-scripts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", html, StringComparison.Ordinal);
        // The real page needs nothing from the network: no src/href to another origin, no @import.
        var page = File.ReadAllText(NewPointPage);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""?(https?:)?//", page);
        Assert.DoesNotContain("@import", page, StringComparison.Ordinal);
    }

    private static int AsmNewobjectLine()
    {
        var inNewPoint = false;
        foreach (var line in File.ReadLines(RepoPaths.Artifact("escape", "leaky-asm.txt")))
        {
            if (line.Contains(" STEXT ", StringComparison.Ordinal)) inNewPoint = line.StartsWith("example.com/leaky/escape.NewPoint ",
                StringComparison.Ordinal);
            if (inNewPoint && line.Contains("CALL\truntime.newobject(SB)", StringComparison.Ordinal))
                return int.Parse(Regex.Match(line, @"pointer\.go:(\d+)\)").Groups[1].Value);
        }
        throw new InvalidOperationException("no newobject call in escape.NewPoint's listing");
    }

    [GeneratedRegex("<td id=\"[^\"]*-exp\"")]
    private static partial Regex ColumnStart();
}

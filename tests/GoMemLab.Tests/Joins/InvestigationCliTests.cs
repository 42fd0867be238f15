using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Joins;

/// <summary>`gomemlab why` and `gomemlab report` as a user runs them (a separate process, real files).</summary>
public class InvestigationCliTests
{
    [Fact]
    public void Why_prints_the_join_and_saves_it_as_parquet()
    {
        using var dir = new TempDirectory();
        var parquet = dir.File("why.parquet");
        var (exit, stdout, stderr) = Gomemlab("why", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--escape",
            RepoPaths.Artifact("escape", "leaky-m2.txt"),
            "--asm", RepoPaths.Artifact("escape", "leaky-asm.txt"), "--format", "csv", "--output", parquet);
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("site,function,file,line,alloc_space,inuse_space,retention_ratio,status,escape_kind,cause,flow,assembly_call,"
            + "allocated_by,decision_at,reason", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("example.com/leaky/internal/cache/cache.go:33,", StringComparison.Ordinal)
            && l.Contains(",explained,escapes-to-heap,stored-in-global-or-heap,"));
        Assert.True(new FileInfo(parquet).Length > 1000);
        Assert.Equal("PAR1", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(parquet).AsSpan(0, 4)));
    }

    [Fact]
    public void Why_as_a_terminal_table_wraps_long_flows_and_json_keeps_them_whole()
    {
        string[] args = ["why", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--escape", RepoPaths.Artifact("escape", "leaky-m2.txt"),
            "--asm", RepoPaths.Artifact("escape", "leaky-asm.txt")];
        var (exit, table, stderr) = Gomemlab(args);
        Assert.True(exit == 0, stderr);
        var (_, json, _) = Gomemlab([.. args, "--format", "json"]);
        var rows = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        var longestFlow = rows.Select(r => r.GetProperty("flow").GetString() ?? "").MaxBy(f => f.Length)!;
        Assert.True(longestFlow.Length > 200, $"the real flows are long: {longestFlow.Length}");
        // Each column is at most as wide as its header, its numbers, or a wrapped text cell.
        var columns = rows[0].EnumerateObject().Select(p => p.Name).ToList();
        var bound = columns.Sum(c => Math.Max(c.Length,
            rows.Max(r => r.GetProperty(c) is var v && v.ValueKind == System.Text.Json.JsonValueKind.String
            ? Math.Min(v.GetString()!.Length,
            GoMemLab.Tables.TableWriter.MaxTextCellWidth) : v.GetRawText().Length))) + 2 * (columns.Count - 1);
        Assert.All(table.Split('\n'), line => Assert.True(line.Length <= bound, $"{line.Length} > {bound}: {line}"));
        Assert.DoesNotContain(longestFlow, table);
        Assert.Contains(longestFlow.Split(' ')[0], table);
    }

    [Fact]
    public void Why_only_unexplained_rows_all_carry_a_reason_and_bad_input_is_one_line()
    {
        var (exit, stdout, _) = Gomemlab("why", RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"), "--unexplained", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Matches("\"reason\":\\s*\"no escape log given\"", stdout);
        Assert.DoesNotMatch("\"status\":\\s*\"explained\"", stdout);
        var (badExit, _, badErr) = Gomemlab("why", RepoPaths.Artifact("escape", "leaky-m2.txt"));
        Assert.Equal(2, badExit);
        Assert.StartsWith("gomemlab: ", badErr);
        Assert.Single(badErr.Trim().Split('\n'));
    }

    [Fact]
    public void Report_writes_one_offline_page()
    {
        using var dir = new TempDirectory();
        var html = dir.File("report.html");
        var (exit, stdout, stderr) = Gomemlab("report", "--heap", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--heap",
            RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz"),
            "--escape", RepoPaths.Artifact("escape", "leaky-m2.txt"), "--gctrace", RepoPaths.Artifact("telemetry", "leaky-gctrace.log"),
                "--out", html);
        Assert.True(exit == 0, stderr);
        Assert.Contains("verdict growing", stdout);
        Assert.Contains("A trend needs three or more heap profiles; 2 given.", File.ReadAllText(html));
        var (noInput, _, err) = Gomemlab("report", "--out", dir.File("empty.html"));
        Assert.Equal(2, noInput);
        Assert.Contains("needs at least one input", err);
        Assert.False(File.Exists(dir.File("empty.html")));
    }

    private static (int Exit, string Stdout, string Stderr) Gomemlab(params string[] arguments) => GomemlabCli.Run(arguments);
}

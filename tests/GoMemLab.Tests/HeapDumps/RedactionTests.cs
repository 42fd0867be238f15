using System.Text;
using GoMemLab.HeapDumps;
using GoMemLab.Tables;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// A redacted dump is safe to share and tells the same story: the program's secret (a string it built at run time)
/// is in the original dump and nowhere in the copy, the copy has the same length, and every analysis of the copy
/// prints the same table as the original's.
/// </summary>
public sealed class RedactionTests(RetentionProgram program) : IClassFixture<RetentionProgram>
{
    [Fact]
    public void Every_analysis_of_the_redacted_dump_equals_the_original_and_the_secret_is_gone()
    {
        using var dir = new TempDirectory();
        var redacted = dir.File("redacted.dump");
        var summary = HeapDumpRedactor.Redact(program.Sampled.DumpPath, redacted);
        Assert.Contains("bytes of contents zeroed", summary);

        var secret = Encoding.ASCII.GetBytes("hunter2-hunter2-hunter2-");
        Assert.True(Contains(File.ReadAllBytes(program.Sampled.DumpPath), secret), "the original dump should hold the secret");
        Assert.False(Contains(File.ReadAllBytes(redacted), secret), "the redacted dump still holds the secret");
        Assert.Equal(new FileInfo(program.Sampled.DumpPath).Length, new FileInfo(redacted).Length);

        var original = program.Sampled.Dump;
        var copy = HeapDump.Load(redacted);
        copy.NameRootsWith(program.Binary);
        Assert.Equal(Csv(original.Info().ToDataFrame()), Csv(copy.Info().ToDataFrame()));
        Assert.Equal(Csv(original.RootRetention().ToDataFrame()), Csv(copy.RootRetention().ToDataFrame()));
        Assert.Equal(Csv(original.SiteRetention().ToDataFrame()), Csv(copy.SiteRetention().ToDataFrame()));
        Assert.Equal(Csv(original.Dominators(4, 20).ToDataFrame()), Csv(copy.Dominators(4, 20).ToDataFrame()));
        Assert.Equal(Csv(original.LeakSuspects().ToDataFrame()), Csv(copy.LeakSuspects().ToDataFrame()));
        var site = original.SiteRetention().Rows[0].Site;
        Assert.Equal(Csv(original.PathToSite(site).ToDataFrame()), Csv(copy.PathToSite(site).ToDataFrame()));
        Assert.Equal(Csv(original.MergedPathsToSite(site).ToDataFrame()), Csv(copy.MergedPathsToSite(site).ToDataFrame()));
    }

    [Fact]
    public void The_tiny_dump_loses_its_contents_but_keeps_its_pointers()
    {
        using var dir = new TempDirectory();
        var input = Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs", "heapdump-tiny.dump");
        var output = dir.File("tiny.dump");
        HeapDumpRedactor.Redact(input, output);
        var bytes = File.ReadAllBytes(output);
        Assert.True(Contains(File.ReadAllBytes(input), "password"u8.ToArray()));
        Assert.False(Contains(bytes, "password"u8.ToArray()));
        Assert.False(Contains(bytes, "secret!!"u8.ToArray()));
        Assert.Equal(Csv(HeapDump.Load(input).RootRetention().ToDataFrame()), Csv(HeapDump.Load(output).RootRetention().ToDataFrame()));
    }

    [Fact]
    public void Redact_never_overwrites_a_file()
    {
        using var dir = new TempDirectory();
        var existing = dir.File("exists.dump");
        File.WriteAllText(existing, "keep me");
        Assert.Throws<ArgumentException>(() => HeapDumpRedactor.Redact(program.Sampled.DumpPath, existing));
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    private static string Csv(Microsoft.Data.Analysis.DataFrame frame) => TableWriter.ToString(frame, TableFormat.Csv);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

using System.Text;
using GoMemLab.Goroutines;
using GoMemLab.Tests.Support;
using static GoMemLab.Tests.Goroutines.KnownGoroutinesTests;

namespace GoMemLab.Tests.Goroutines;

/// <summary>Limits and seams: runtime/pprof's 64 MiB cut, gzip, cancellation, and the join with per-goroutine memory.</summary>
public class GoroutineDumpEdgeTests
{
    [Fact]
    public void A_debug2_dump_cut_at_64_MiB_by_runtime_pprof_loads_with_a_warning()
    {
        // Go 1.19 src/runtime/pprof/pprof.go, writeGoroutineStacks: "Give up and use a truncated trace if 64 MB is not enough."
        var record = Encoding.UTF8.GetBytes("main.recv(0xc000012345)\n\tmain.go:10 +0x1b\ncreated by main.main\n\tmain.go:16 +0x34\n");
        using var temp = new TempDirectory();
        var path = temp.File("cut.txt");
        long goroutines = 0;
        using (var file = File.Create(path))
        {
            for (var id = 1L; file.Length < 64L << 20; id++)
            {
                file.Write(Encoding.UTF8.GetBytes($"{(id == 1 ? "" : "\n")}goroutine {id} [chan receive]:\n"));
                file.Write(record);
                goroutines++;
            }
            file.SetLength(64L << 20);
        }
        var dump = GoroutineDump.Load(path);
        // The last record is cut: it is dropped, every complete one counts.
        Assert.InRange(dump.Total, goroutines - 1, goroutines);
        Assert.Contains("64 MiB", Assert.Single(dump.Warnings));
        // One byte less and the same cut record is an error naming its line, the last one.
        var shorter = File.ReadAllBytes(path)[..((64 << 20) - 1)];
        File.WriteAllBytes(path, shorter);
        var error = Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => GoroutineDump.Load(path));
        Assert.Equal(shorter.Count(b => b == (byte)'\n') + 1, error.Line);
    }

    [Fact]
    public void Gzipped_text_dumps_load_like_the_plain_ones()
    {
        using var temp = new TempDirectory();
        foreach (var name in new[] { "known-debug1.txt", "known-debug2.txt" })
        {
            var gz = temp.File(name + ".gz");
            File.WriteAllBytes(gz, GoMemLab.Tests.Profiles.ProtoFixtures.Gzip(File.ReadAllBytes(Artifact(name))));
            Assert.Equal(Counts(GoroutineDump.Load(Artifact(name)).ByStart()), Counts(GoroutineDump.Load(gz).ByStart()));
        }
    }

    [Fact]
    public void A_cancelled_load_stops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => GoroutineDump.Load(Artifact("known-debug2.txt"), cancel.Token));
    }

    [Fact]
    public void Memory_per_group_joins_per_goroutine_figures_by_id()
    {
        // The seam for heap dumps (whose roots are named "goroutine ID FUNCTION"): figures per goroutine id, summed per group.
        var path = Artifact("leaky-goroutine-6-debug2.txt");
        var dump = GoroutineDump.Load(path);
        // Per goroutine, read independently from the text: 32 KiB for each archive goroutine (its scratch buffer).
        var figures = new Dictionary<long, long>();
        long current = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("goroutine ", StringComparison.Ordinal)) current = long.Parse(line.Split(' ')[1]);
            else if (line.StartsWith("main.archive(", StringComparison.Ordinal)) figures[current] = 32 << 10;
        }
        var table = dump.ByStart().WithRetainedBytes(figures);
        Assert.Equal(["key", "count", "goroutines_with_figures", "retained_bytes"], table.Columns.Select(c => c.Name));
        Assert.Equal("main.archive", table.Columns["key"][0]);
        Assert.Equal((long)figures.Count, table.Columns["goroutines_with_figures"][0]);
        Assert.Equal(figures.Count * (32L << 10), table.Columns["retained_bytes"][0]);
        var counted = GoroutineDump.Load(Artifact("leaky-goroutine-6.pb.gz"));
        Assert.Throws<InvalidOperationException>(() => counted.ByStart().WithRetainedBytes(figures));
    }
}

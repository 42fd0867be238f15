using System.Text.Json;
using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Telemetry;
using static GoMemLab.Tests.Goroutines.KnownGoroutinesTests;

namespace GoMemLab.Tests.Goroutines;

/// <summary>
/// Growth over snapshots, on data/go/goroutines/cmd/phases (one group growing, one steady but replaced at every
/// snapshot, one shrinking; counts and times in phases-expected.json) and on the leaky service before and after its fix.
/// </summary>
public class GrowthVerdictTests
{
    private static readonly IReadOnlyList<Phase> Phases = ReadPhases();

    public static TheoryData<string> Suffixes => new() { ".pb.gz", "-debug1.txt", "-debug2.txt" };

    [Theory]
    [MemberData(nameof(Suffixes))]
    public void Each_snapshot_counts_what_the_program_had_started(string suffix)
    {
        foreach (var phase in Phases)
        {
            var dump = GoroutineDump.Load(Artifact(phase.Prefix + suffix));
            Assert.Equal(phase.Total, dump.Total);
            Assert.Equal(phase.Counts.Select(c => (c.Key, (long)c.Value)).OrderBy(c => c.Key), Counts(dump.ByStart()).Select(c => (c.Key,
                c.Value)).OrderBy(c => c.Key));
        }
    }

    [Theory]
    [MemberData(nameof(Suffixes))]
    public void Growing_steady_and_shrinking_groups_get_their_verdicts(string suffix)
    {
        var dumps = Phases.Select(p => GoroutineDump.Load(Artifact(p.Prefix + suffix))).ToList();
        // Protobuf records its time; the text forms do not, so they get the program's own dump times.
        var growth = suffix == ".pb.gz"
            ? GoroutineGrowth.Compute(dumps)
            : GoroutineGrowth.Compute(dumps, GoroutineGrouping.Start, Phases.Select(p => p.Time).ToList());
        Assert.Equal(LeakVerdict.Growing, growth.Find("main.leakWorker")!.Verdict);
        Assert.Equal(LeakVerdict.Steady, growth.Find("main.steadyWorker")!.Verdict);
        Assert.Equal(LeakVerdict.Shrinking, growth.Find("main.drainWorker")!.Verdict);
        Assert.Equal(LeakVerdict.Steady, growth.Find("main.main")!.Verdict);
        var leak = growth.Find("main.leakWorker")!;
        Assert.Equal(Phases.Select(p => (long)p.Counts["main.leakWorker"]), leak.Counts);
        Assert.Equal(Phases[^1].Counts["main.leakWorker"] - Phases[0].Counts["main.leakWorker"], leak.Delta);
        // 25 goroutines per snapshot over the program's own clock: the slope is that, per minute.
        var minutes = (Phases[^1].Time - Phases[0].Time).TotalMinutes;
        Assert.Equal(leak.Delta / minutes, leak.SlopePerMinute, 0.05 * leak.Delta / minutes);
        Assert.Equal("main.leakWorker", growth.Rows[0].Key);
    }

    [Fact]
    public void Protobuf_snapshots_carry_their_own_time()
    {
        foreach (var phase in Phases)
        {
            var dump = GoroutineDump.Load(Artifact(phase.Prefix + ".pb.gz"));
            // runtime/pprof stamps the profile when it starts writing it; the program notes the time just before.
            Assert.InRange((dump.CapturedAt!.Value - phase.Time).TotalMilliseconds, 0, 1000);
        }
    }

    [Fact]
    public void Text_snapshots_without_times_are_refused_until_an_interval_is_given()
    {
        var dumps = Phases.Select(p => GoroutineDump.Load(Artifact(p.Prefix + "-debug2.txt"))).ToList();
        var error = Assert.Throws<ArgumentException>(() => GoroutineGrowth.Compute(dumps));
        Assert.Contains("phases-1-debug2.txt has no capture time", error.Message);
        var growth = GoroutineGrowth.Compute(dumps, TimeSpan.FromSeconds(1));
        Assert.Equal(LeakVerdict.Growing, growth.Find("main.leakWorker")!.Verdict);
        Assert.Equal(1500, growth.Find("main.leakWorker")!.SlopePerMinute, 1e-6);
    }

    [Fact]
    public void Creation_sites_and_states_grow_too_in_debug2()
    {
        var dumps = Phases.Select(p => GoroutineDump.Load(Artifact(p.Prefix + "-debug2.txt"))).ToList();
        var byState = GoroutineGrowth.Compute(dumps, TimeSpan.FromSeconds(1), GoroutineGrouping.State);
        // Every worker waits in a channel receive: the three groups add up.
        Assert.Equal(Phases.Select(p => (long)p.Counts["main.leakWorker"] + p.Counts["main.steadyWorker"] + p.Counts["main.drainWorker"]),
            byState.Find("chan receive")!.Counts);
        Assert.Throws<GoMemLab.Inputs.InputFormatException>(() =>
            GoroutineGrowth.Compute(Phases.Select(p => GoroutineDump.Load(Artifact(p.Prefix + ".pb.gz"))).ToList(),
                GoroutineGrouping.Creation));
    }

    [Fact]
    public void The_leaky_service_grows_archive_goroutines_and_the_fixed_one_does_not()
    {
        var leaky = GoroutineGrowth.Compute(Enumerable.Range(1,
            6).Select(n => GoroutineDump.Load(Artifact($"leaky-goroutine-{n}.pb.gz"))).ToList());
        var archive = leaky.Rows[0];
        Assert.Equal("main.archive", archive.Key);
        Assert.Equal(LeakVerdict.Growing, archive.Verdict);
        var fixedService = GoroutineGrowth.Compute(
            Enumerable.Range(1, 6).Select(n => GoroutineDump.Load(Artifact($"leaky-fixed-goroutine-{n}.pb.gz"))).ToList());
        Assert.DoesNotContain(fixedService.Rows, r => r.Verdict == LeakVerdict.Growing);
        Assert.True(fixedService.Find("main.archive") is null || fixedService.Find("main.archive")!.Counts.Max() < 10);
    }

    [Fact]
    public void Series_and_table_match_the_rows()
    {
        var dumps = Phases.Select(p => GoroutineDump.Load(Artifact(p.Prefix + ".pb.gz"))).ToList();
        var growth = GoroutineGrowth.Compute(dumps);
        var table = growth.ToDataFrame();
        Assert.Equal(["key", "first", "last", "delta", "slope_per_min", "verdict"], table.Columns.Take(6).Select(c => c.Name));
        Assert.Equal(growth.Rows.Count, table.Rows.Count);
        var series = growth.Series();
        Assert.Equal(growth.Rows.Count * dumps.Count, series.Rows.Count);
        Assert.Equal(0.0, (double)series.Columns["minutes"][0]!);
    }

    private sealed record Phase(string Prefix, DateTimeOffset Time, IReadOnlyDictionary<string, int> Counts, int Total);

    private static List<Phase> ReadPhases()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Artifact("phases-expected.json")));
        return json.RootElement.EnumerateArray().Select(p => new Phase(
            p.GetProperty("prefix").GetString()!,
            DateTimeOffset.UnixEpoch.AddTicks(p.GetProperty("unix_nanos").GetInt64() / 100),
            p.GetProperty("counts").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32()),
            p.GetProperty("num_goroutine").GetInt32())).ToList();
    }
}

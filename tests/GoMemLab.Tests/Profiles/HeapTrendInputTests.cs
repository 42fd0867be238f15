using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// What <see cref="HeapTrend.Compute"/> refuses (with which message) and what its options change: explicit times, the
/// default sample index of a profile without inuse_space, a given sample index, cumulative values. Values are checked
/// against `go tool pprof -top` goldens.
/// </summary>
public class HeapTrendInputTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private static Profile Heap(string name) => Profile.Load(RepoPaths.Artifact("heap", name));

    private static List<Profile> Snapshots(params int[] numbers) => [.. numbers.Select(n => Heap($"leaky-heap-{n}.pb.gz"))];

    private static DateTimeOffset[] Minutes(params int[] minutes) => [.. minutes.Select(m => Noon.AddMinutes(m))];

    private static string Refusal(IReadOnlyList<Profile> snapshots, IReadOnlyList<DateTimeOffset>? times = null) =>
        Assert.Throws<ArgumentException>(() => HeapTrend.Compute(snapshots, times: times)).Message;

    private static Func<string, PprofTopLine?> Golden(string name)
    {
        var rows = PprofTopGolden.Parse(RepoPaths.Data("golden", "pprof", name)).ToDictionary(r => r.Name);
        return function => rows.GetValueOrDefault(function);
    }

    [Fact]
    public void Fewer_than_three_snapshots_are_refused() =>
        Assert.Equal("a trend needs at least 3 snapshots, got 2", Refusal(Snapshots(1, 2)));

    [Fact]
    public void Times_must_be_one_per_snapshot() =>
        Assert.Equal("2 times given for 3 snapshots", Refusal(Snapshots(1, 2, 3), Minutes(0, 1)));

    [Fact]
    public void A_snapshot_without_a_time_is_named()
    {
        var legacy = Heap("leaky-heap-debug1.txt");
        Assert.EndsWith("leaky-heap-debug1.txt", legacy.Source);
        Assert.Equal($"{legacy.Source} has no collection time; pass the snapshot times explicitly",
            Refusal([.. Snapshots(1, 2), legacy]));
    }

    [Fact]
    public void Two_snapshots_at_one_time_are_named_with_the_time()
    {
        var snapshots = Snapshots(1, 2, 3);
        var sources = snapshots.Select(s => s.Source).ToList();
        Assert.Equal(3, sources.Distinct().Count());
        Assert.Equal($"{sources[0]} and {sources[1]} have the same collection time 2026-01-02T12:00:00.0000000+00:00",
            Refusal(snapshots, Minutes(0, 0, 1)));
        Assert.Equal($"{sources[1]} and {sources[2]} have the same collection time 2026-01-02T12:01:00.0000000+00:00",
            Refusal(snapshots, Minutes(0, 1, 1)));
    }

    [Fact]
    public void Given_times_replace_the_profiles_own_and_order_the_snapshots()
    {
        // The reverse of the profiles' own order, and a legacy text profile, which has no time of its own.
        var snapshots = Snapshots(1, 2, 3);
        var legacy = Heap("leaky-heap-debug1.txt");
        var trend = HeapTrend.Compute([.. snapshots, legacy], times: Minutes(3, 2, 1, 0));
        var points = trend.Points.Where(p => p.Function == "main.archive").ToList();
        Assert.Equal([legacy.Source, snapshots[2].Source, snapshots[1].Source, snapshots[0].Source], points.Select(p => p.Source));
        Assert.Equal(Minutes(0, 1, 2, 3), points.Select(p => p.Time));
        Assert.Equal([0.0, 1.0, 2.0, 3.0], points.Select(p => p.Minutes));
        Assert.Equal(Golden("leaky-heap-1.inuse_space.functions.txt")("main.archive")!.Flat, points[^1].Value);
    }

    [Fact]
    public void Without_inuse_space_the_trend_follows_pprofs_default_sample_type()
    {
        // leaky-cpu.pb.gz has samples/count and cpu/nanoseconds (go tool pprof -raw) and no default; pprof then takes the
        // last type, as its golden's "Type: cpu" shows.
        var cpu = Heap("leaky-cpu.pb.gz");
        var trend = HeapTrend.Compute([cpu, cpu, cpu], times: Minutes(0, 1, 2));
        Assert.Equal(new ProfileValueType("cpu", "nanoseconds"), trend.SampleType);
        var golden = Golden("leaky-cpu.cpu.functions.txt");
        Assert.All(trend.Rows, r => Assert.Equal(golden(r.Function)?.Flat ?? 0, r.Last));
        Assert.Contains(trend.Rows, r => r.Last > 0);
    }

    [Fact]
    public void A_given_sample_index_and_cumulative_values_are_followed()
    {
        var trend = HeapTrend.Compute(Snapshots(1, 2, 3, 4), "alloc_space", cumulative: true);
        Assert.Equal("alloc_space", trend.SampleType.Type);
        var (first, last) = (Golden("leaky-heap-1.alloc_space.functions.txt"), Golden("leaky-heap-4.alloc_space.functions.txt"));
        foreach (var row in trend.Rows)
            Assert.Equal((row.Function, first(row.Function)?.Cum ?? 0, last(row.Function)?.Cum ?? 0), (row.Function, row.First, row.Last));
        // Cum differs from flat for callers (main.main holds no allocation of its own).
        Assert.Contains(trend.Rows, r => r.Last != (last(r.Function)?.Flat ?? 0));
    }
}

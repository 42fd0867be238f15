using GoMemLab.Inputs;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Goroutines.Analyses;

/// <summary>
/// A dump's goroutines grouped by start function, creation site or state (<see cref="By"/>), largest group
/// first (ties by key). Counts add up to the dump's <see cref="Total"/>. The table's columns, in order:
/// <c>key,count,share,max_wait_minutes,example_goroutine,wait_under_1m,wait_1_to_9m,wait_10_to_59m,wait_60m_plus,leaked,</c>
/// <c>locked_to_thread,breakdown</c>
/// (<see cref="CsvHeader"/>); the columns a form cannot fill are empty.
/// </summary>
public sealed class GoroutineGroups : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["key"] = "The group: the start function (the outermost frame Go shows; `(truncated) F` when the dump cut the stack), "
            + "the creation site `F (file:line)` of the `created by` lines, or the state as Go printed it, by the grouping.",
        ["count"] = "Goroutines in the group.",
        ["share"] = "count as a fraction of the dump's goroutines.",
        ["max_wait_minutes"] =
            "The longest wait Go printed in the group, in whole minutes (0: none over a minute); empty for protobuf and debug=1.",
        ["example_goroutine"] = "The lowest goroutine id in the group, to look up in the dump; empty for forms without ids.",
        ["wait_under_1m"] = "Goroutines without a wait figure: blocked under a minute, or not blocked (Go starts the clock at a GC).",
        ["wait_1_to_9m"] = "Goroutines blocked 1 to 9 minutes.",
        ["wait_10_to_59m"] = "Goroutines blocked 10 to 59 minutes.",
        ["wait_60m_plus"] = "Goroutines blocked an hour or more.",
        ["leaked"] = "Goroutines the runtime marked leaked: every one of a goroutineleak profile, the `(leaked)` ones of a debug=2 dump.",
        ["locked_to_thread"] = "Goroutines locked to their OS thread (runtime.LockOSThread); empty for forms without states.",
        ["breakdown"] = "The group's make-up the other way round, largest first: its states (start and creation groups) or its start "
            + "functions (state groups).",
    };

    /// <summary>The CSV header of <see cref="ToDataFrame()"/>; <c>key,count</c> first is a contract, the rest may grow.</summary>
    public const string CsvHeader =
        "key,count,share,max_wait_minutes,example_goroutine,wait_under_1m,wait_1_to_9m,wait_10_to_59m,wait_60m_plus,leaked,"
        + "locked_to_thread,breakdown";

    /// <summary>The key of goroutines without a creation site (the main goroutine).</summary>
    public const string NoCreationSite = "(no creation site)";

    private const int BreakdownParts = 3;

    private GoroutineGroups(string source, GoroutineGrouping by, long total, IReadOnlyList<GoroutineGroup> rows)
    {
        Source = source;
        By = by;
        Total = total;
        Rows = rows;
    }

    public string Source { get; }

    public GoroutineGrouping By { get; }

    public long Total { get; }

    public IReadOnlyList<GoroutineGroup> Rows { get; }

    /// <summary>The group with this key, or null.</summary>
    public GoroutineGroup? Find(string key) => Rows.FirstOrDefault(r => r.Key == key);

    /// <summary>The count of the group with this key (0 when there is none).</summary>
    public long CountOf(string key) => Find(key)?.Count ?? 0;

    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("key", Rows.Select(r => r.Key)),
        new Int64DataFrameColumn("count", Rows.Select(r => r.Count)),
        new DoubleDataFrameColumn("share", Rows.Select(r => Math.Round(r.Share, 4))),
        new Int32DataFrameColumn("max_wait_minutes", Rows.Select(r => r.MaxWaitMinutes)),
        new Int64DataFrameColumn("example_goroutine", Rows.Select(r => r.ExampleGoroutine)),
        new Int64DataFrameColumn("wait_under_1m", Rows.Select(r => r.Waits?.UnderOneMinute)),
        new Int64DataFrameColumn("wait_1_to_9m", Rows.Select(r => r.Waits?.OneToNineMinutes)),
        new Int64DataFrameColumn("wait_10_to_59m", Rows.Select(r => r.Waits?.TenToFiftyNineMinutes)),
        new Int64DataFrameColumn("wait_60m_plus", Rows.Select(r => r.Waits?.HourOrMore)),
        new Int64DataFrameColumn("leaked", Rows.Select(r => r.Leaked)),
        new Int64DataFrameColumn("locked_to_thread", Rows.Select(r => r.LockedToThread)),
        new StringDataFrameColumn("breakdown", Rows.Select(r => r.Breakdown)));

    /// <summary>
    /// The top table (<see cref="ToDataFrame()"/>) with two more columns from per-goroutine figures (e.g. a heap dump's
    /// <c>GoroutineRetention()</c>, taken at the same moment): <c>goroutines_in_heapdump</c> (members found in the map) and
    /// <c>retained_bytes</c> (the sum of what each member alone keeps alive; an object two goroutines share counts for
    /// neither). Rows keep their order. Throws <see cref="InvalidOperationException"/> for a dump without goroutine ids.
    /// </summary>
    public DataFrame ToDataFrame(IReadOnlyDictionary<long, long> retainedBytesByGoroutine)
    {
        var sums = Sums(retainedBytesByGoroutine);
        var table = ToDataFrame();
        table.Columns.Add(new Int64DataFrameColumn("goroutines_in_heapdump", sums.Select(s => s.Found)));
        table.Columns.Add(new Int64DataFrameColumn("retained_bytes", sums.Select(s => s.Bytes)));
        return table;
    }

    /// <summary>
    /// The groups with the bytes their goroutines retain, given per goroutine id (e.g. from a heap dump taken at
    /// the same moment, whose roots are named <c>goroutine ID FUNCTION</c>): one row per group, largest first —
    /// <c>key</c>, <c>count</c>, <c>goroutines_with_figures</c> (members found in the map), <c>retained_bytes</c> (their sum).
    /// Goroutines absent from the map add nothing. Throws <see cref="InvalidOperationException"/> for a dump without goroutine ids.
    /// </summary>
    public DataFrame WithRetainedBytes(IReadOnlyDictionary<long, long> retainedBytesByGoroutine)
    {
        var rows = Rows.Zip(Sums(retainedBytesByGoroutine), (r, s) => (r.Key, r.Count, s.Found,
            s.Bytes)).OrderByDescending(r => r.Bytes).ThenByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new DataFrame(
            new StringDataFrameColumn("key", rows.Select(r => r.Key)),
            new Int64DataFrameColumn("count", rows.Select(r => r.Count)),
            new Int64DataFrameColumn("goroutines_with_figures", rows.Select(r => r.Found)),
            new Int64DataFrameColumn("retained_bytes", rows.Select(r => r.Bytes)));
    }

    /// <summary>Per row: members found in the map and the sum of their figures.</summary>
    private List<(long Found, long Bytes)> Sums(IReadOnlyDictionary<long, long> retainedBytesByGoroutine)
    {
        if (Rows.Count > 0 && Rows.All(r => r.GoroutineIds.Count == 0))
            throw new InvalidOperationException($"{Source} has no goroutine ids (protobuf and debug=1 count per stack): take a debug=2 "
                + $"dump");
        return Rows.Select(r =>
        {
            long found = 0, bytes = 0;
            foreach (var id in r.GoroutineIds)
                if (retainedBytesByGoroutine.TryGetValue(id, out var b))
                {
                    found++;
                    bytes += b;
                }
            return (found, bytes);
        }).ToList();
    }

    internal static GoroutineGroups Compute(GoroutineDump dump, GoroutineGrouping by)
    {
        if (dump.Goroutines is { } table) return FromGoroutines(dump, table, by);
        if (by.Needs() is { } needs)
            throw new InputFormatException(dump.Source,
                $"is a {dump.Form.ToText()} goroutine dump: it counts goroutines per stack and has no {needs}; take a debug=2 dump "
                + $"(/debug/pprof/goroutine?debug=2) or a SIGQUIT traceback to group by {by.ToText()}");
        return FromRecords(dump);
    }

    private static GoroutineGroups FromRecords(GoroutineDump dump)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in dump.Records)
        {
            var key = dump.Stacks.StartKey(record.Stack);
            counts[key] = counts.GetValueOrDefault(key) + record.Count;
        }
        var leaked = dump.Kind == GoroutineProfileKind.LeakedGoroutines;
        var rows = counts.Select(c => new GoroutineGroup(c.Key, c.Value, Share(c.Value, dump.Total), null, null, null, leaked ? c.Value : 0,
            null, "", [])).ToList();
        return new GoroutineGroups(dump.Source, GoroutineGrouping.Start, dump.Total, Order(rows));
    }

    private static GoroutineGroups FromGoroutines(GoroutineDump dump, GoroutineTable table, GoroutineGrouping by)
    {
        // Keys are computed once per stack, creation frame or state text, not once per goroutine.
        var groupOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        int Group(string key)
        {
            if (!groupOfKey.TryGetValue(key, out var g))
            {
                g = keys.Count;
                groupOfKey.Add(key, g);
                keys.Add(key);
            }
            return g;
        }
        var byStack = new int[dump.Stacks.Count];
        for (var s = 0; s < byStack.Length; s++) byStack[s] = Group(dump.Stacks.StartKey(s));
        var byFrame = new Dictionary<int, int>();
        var accumulators = new List<Accumulator>();
        for (var i = 0; i < table.Count; i++)
        {
            var stack = table.Stack(i);
            var group = by switch
            {
                GoroutineGrouping.Start => byStack[stack],
                GoroutineGrouping.Creation => CreationGroup(table.CreatedBy(i)),
                _ => Group(table.StateText(i)),
            };
            while (accumulators.Count <= group) accumulators.Add(new Accumulator());
            accumulators[group].Add(table, i, by == GoroutineGrouping.State ? keys[byStack[stack]] : table.StateText(i));
        }
        var rows = new List<GoroutineGroup>();
        for (var g = 0; g < accumulators.Count; g++)
            if (accumulators[g].Count > 0) rows.Add(accumulators[g].ToGroup(keys[g], table.Count));
        return new GoroutineGroups(dump.Source, by, table.Count, Order(rows));

        int CreationGroup(int frame)
        {
            if (frame < 0) return Group(NoCreationSite);
            if (!byFrame.TryGetValue(frame, out var g)) byFrame.Add(frame, g = Group(dump.Frames[frame].ToString()));
            return g;
        }
    }

    private static List<GoroutineGroup> Order(List<GoroutineGroup> rows) =>
        rows.OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;

    private sealed class Accumulator
    {
        private readonly List<long> _ids = [];
        private readonly Dictionary<string, long> _breakdown = new(StringComparer.Ordinal);
        private WaitBuckets _waits;
        private int _maxWait;
        private long _leaked;
        private long _locked;
        private long _minId = long.MaxValue;

        public long Count => _ids.Count;

        public void Add(GoroutineTable table, int i, string part)
        {
            var id = table.Id(i);
            _ids.Add(id);
            _minId = Math.Min(_minId, id);
            var wait = table.WaitMinutes(i);
            _maxWait = Math.Max(_maxWait, wait);
            _waits = _waits.Add(wait);
            if (table.Leaked(i)) _leaked++;
            if (table.LockedToThread(i)) _locked++;
            _breakdown[part] = _breakdown.GetValueOrDefault(part) + 1;
        }

        public GoroutineGroup ToGroup(string key, long total)
        {
            var parts = _breakdown.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            var breakdown = string.Join("; ", parts.Take(BreakdownParts).Select(p => $"{p.Key} {p.Value}"))
                + (parts.Count > BreakdownParts ? $"; {parts.Count - BreakdownParts} more" : "");
            return new GoroutineGroup(key, Count, Share(Count, total), _maxWait, _minId, _waits, _leaked, _locked, breakdown, _ids);
        }
    }
}

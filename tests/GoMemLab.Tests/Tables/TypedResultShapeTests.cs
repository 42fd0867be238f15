using System.Reflection;
using GoMemLab.AssemblyListings;
using GoMemLab.Environment;
using GoMemLab.Escape;
using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Joins;
using GoMemLab.Live;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Ssa;
using GoMemLab.Tables;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Tables;

/// <summary>
/// The shape src/GoMemLab/README.md promises: every table a typed result builds has a meaning for each of its
/// columns and no meaning for a column it lacks (the reference pages print them), and every enum text helper
/// spells each value, distinctly.
/// </summary>
public class TypedResultShapeTests
{
    private static readonly Lazy<Profile> Heap = new(() => Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")));
    private static readonly Lazy<EscapeLog> Escape = new(() => EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-m2.txt")));
    private static readonly Lazy<AssemblyListing> Listing = new(() => AssemblyListing.Load(RepoPaths.Artifact("escape", "leaky-asm.txt")));

    private static readonly Lazy<GoroutineDump> Goroutines = new(() => GoroutineDump.Load(
        RepoPaths.Artifact("goroutines", "known-debug2.txt")));
    private static readonly Lazy<HeapDump> Dump = new(() => HeapDump.Load(RepoPaths.Artifact("heapdump", "leaky-early.dump.gz")));

    public static TheoryData<string> Tables() => [.. Built.Keys];

    private static readonly Dictionary<string, (Func<DataFrame> Build, IReadOnlyDictionary<string, string> Meanings)> Built = new()
    {
        ["TopReport"] = (() => Heap.Value.Top().ToDataFrame(), TopReport.ColumnMeanings),
        ["AllocVsInuseReport"] = (() => Heap.Value.AllocVsInuse().ToDataFrame(), AllocVsInuseReport.ColumnMeanings),
        ["LeakSuspectsReport"] = (() => Heap.Value.LeakSuspects().ToDataFrame(), LeakSuspectsReport.ColumnMeanings),
        ["FlameGraphReport"] = (() => Heap.Value.FlameGraph().ToDataFrame(), FlameGraphReport.ColumnMeanings),
        ["HeapTrendReport"] = (() => Trend().ToDataFrame(), HeapTrendReport.ColumnMeanings),
        ["HeapTrendReport points"] = (() => Trend().PointsToDataFrame(), HeapTrendReport.PointColumnMeanings),
        ["ProfileSummary"] = (() => ProfileSummary.ToDataFrame(Heap.Value), ProfileSummary.ColumnMeanings),
        ["EscapeLog"] = (() => Escape.Value.ToDataFrame(), EscapeLog.ColumnMeanings),
        ["EscapeLog steps"] = (() => Escape.Value.StepsToDataFrame(), EscapeLog.StepColumnMeanings),
        ["EscapeCauseReport"] = (() => Escape.Value.Causes().ToDataFrame(), EscapeCauseReport.ColumnMeanings),
        ["EscapeDiff"] = (() => Escape.Value.DiffSince(Escape.Value).ToDataFrame(), EscapeDiff.Result.ColumnMeanings),
        ["EscapeFindings"] = (() => new EscapeFindings([]).ToDataFrame(), EscapeFindings.ColumnMeanings),
        ["AssemblyListing"] = (() => Listing.Value.ToDataFrame(), AssemblyListing.ColumnMeanings),
        ["AssemblyListing by function"] = (() => Listing.Value.CallsByFunction(), AssemblyListing.ByFunctionColumnMeanings),
        ["EscapeAllocationCrossCheck"] = (() => EscapeAllocationCrossCheck.Compare(Escape.Value, Listing.Value).ToDataFrame(),
            EscapeAllocationCrossCheck.Result.ColumnMeanings),
        ["WhyOnHeap"] = (() => WhyOnHeap.ToDataFrame(WhyOnHeap.Join(Heap.Value, Escape.Value, Listing.Value)), WhyOnHeap.ColumnMeanings),
        ["EnvironmentCard"] = (() => EnvironmentCard.Detect("test").ToDataFrame(), EnvironmentCard.ColumnMeanings),
        ["LiveCaptureResult"] = (() => new LiveCaptureResult("p", null, [], null, 0, true, TimeSpan.Zero, "", []).HeapSeries(),
            LiveCaptureResult.HeapSeriesColumnMeanings),
        ["GoroutineGroups"] = (() => Goroutines.Value.ByStart().ToDataFrame(), GoroutineGroups.ColumnMeanings),
        ["GoroutineGrowth"] = (() => GoroutineGrowth.Compute([Goroutines.Value, Goroutines.Value], TimeSpan.FromMinutes(1)).ToDataFrame(),
            GoroutineGrowth.ColumnMeanings),
        ["HeapDumpInfo"] = (() => Dump.Value.Info().ToDataFrame(), HeapDumpInfo.ColumnMeanings),
        ["RootRetentionReport"] = (() => Dump.Value.RootRetention().ToDataFrame(), RootRetentionReport.ColumnMeanings),
        ["SiteRetentionReport"] = (() => Dump.Value.SiteRetention().ToDataFrame(), SiteRetentionReport.ColumnMeanings),
        ["DominatorReport"] = (() => Dump.Value.Dominators().ToDataFrame(), DominatorReport.ColumnMeanings),
        ["LeakSuspectReport"] = (() => Dump.Value.LeakSuspects().ToDataFrame(), LeakSuspectReport.ColumnMeanings),
        ["PathReport"] = (() => Dump.Value.PathToLargestSuspect()!.ToDataFrame(), PathReport.ColumnMeanings),
        ["HeapDumpDiff roots"] = (() => Dump.Value.DiffSince(Dump.Value).RootsToDataFrame(), HeapDumpDiff.RootColumnMeanings),
        ["SsaPassTable"] = (() => SsaDump.Load(RepoPaths.Artifact("ssa", "NewPoint.html")).Passes().ToDataFrame(),
            SsaPassTable.ColumnMeanings),
        ["HeapDumpDiff sites"] = (() => Dump.Value.DiffSince(Dump.Value).SitesToDataFrame(), HeapDumpDiff.SiteColumnMeanings),
    };

    private static HeapTrendReport Trend() =>
        HeapTrend.Compute([.. Enumerable.Range(1, 4).Select(n => Profile.Load(RepoPaths.Artifact("heap", $"leaky-heap-{n}.pb.gz")))]);

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_column_has_a_meaning_and_every_meaning_a_column(string table)
    {
        var (build, meanings) = Built[table];
        Assert.Equal(meanings.Keys.Order(StringComparer.Ordinal), build().Columns.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(meanings.Values, m => Assert.EndsWith(".", m));
    }

    [Fact]
    public void The_escape_summary_has_a_meaning_for_each_column_of_either_grouping()
    {
        var causes = Escape.Value.Causes();
        foreach (var grouping in Enum.GetValues<EscapeGrouping>())
            Assert.All(causes.Summary(grouping).Columns, c => Assert.True(EscapeCauseReport.SummaryColumnMeanings.ContainsKey(c.Name),
                c.Name));
    }

    [Fact]
    public void Every_enum_text_helper_spells_every_value_distinctly()
    {
        var helpers = typeof(Profile).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Text", StringComparison.Ordinal))
            .Select(t => t.GetMethod("ToText", BindingFlags.Public | BindingFlags.Static))
            .Where(m => m is not null && m.GetParameters() is [{ ParameterType.IsEnum: true }])
            .ToList();
        Assert.Contains(helpers, m => m!.DeclaringType == typeof(WhyOnHeapStatusText));
        Assert.True(helpers.Count >= 9, $"{helpers.Count} text helpers found");
        foreach (var toText in helpers)
        {
            var type = toText!.GetParameters()[0].ParameterType;
            var texts = Enum.GetValues(type).Cast<object>().Select(v => (string)toText.Invoke(null, [v])!).ToList();
            Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t), type.Name));
            Assert.Equal(texts.Count, texts.Distinct().Count());
        }
    }
}

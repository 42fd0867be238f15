using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>A function that holds what it allocates (<see cref="LeakSuspects"/>): its <see cref="AllocVsInuseRow"/> and its share of the
/// heap in use.</summary>
/// <param name="InuseShare">inuse_space as a fraction of the profile's total inuse_space.</param>
public sealed record LeakSuspect(string Function, long AllocSpace, long AllocObjects, long InuseSpace, long InuseObjects, double InuseShare)
    : AllocVsInuseRow(Function, AllocSpace, AllocObjects, InuseSpace, InuseObjects);

/// <summary>
/// The result of <see cref="LeakSuspects.Find"/>: the suspects by descending inuse_space, the rule they passed and the
/// profile's inuse_space total their shares are of. No rows means no function holds most of what it allocates.
/// </summary>
public sealed record LeakSuspectsReport(IReadOnlyList<LeakSuspect> Rows, LeakSuspectRule Rule, long TotalInuseSpace) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means (the <see cref="AllocVsInuseReport"/> columns, then
    /// inuse_share).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } =
        new Dictionary<string, string>(AllocVsInuseReport.ColumnMeanings)
        {
            ["inuse_share"] = "inuse_space as a share of the profile's total inuse_space (suspects hold at least 0.01 by default).",
        };

    /// <summary>The <see cref="AllocVsInuseReport"/> columns, then <c>inuse_share</c>.</summary>
    public DataFrame ToDataFrame()
    {
        var frame = AllocVsInuseReport.Frame(Rows);
        frame.Columns.Add(new DoubleDataFrameColumn("inuse_share", Rows.Select(r => r.InuseShare)));
        return frame;
    }
}

using Microsoft.Data.Analysis;

namespace GoMemLab.Goroutines.Analyses;

/// <summary>A dump as one table, for queries the groupings do not answer.</summary>
public static class GoroutineRows
{
    /// <summary>
    /// One row per goroutine (debug=2, tracebacks) or per stack record (protobuf, debug=1): <c>goroutine</c> (id; empty for
    /// records), <c>count</c> (1 per goroutine), <c>start</c> (start-function key), <c>innermost</c> (the frame it is blocked in,
    /// <c>F (file:line)</c>), <c>depth</c> (frames shown), <c>state</c>, <c>wait_minutes</c>, <c>locked_to_thread</c>, <c>leaked</c>,
    /// <c>created_by</c> (<c>F (file:line)</c>), <c>creator_goroutine</c>, <c>labels</c>, <c>line</c> (of the header in the dump).
    /// </summary>
    public static DataFrame ToDataFrame(GoroutineDump dump)
    {
        var goroutine = new Int64DataFrameColumn("goroutine");
        var count = new Int64DataFrameColumn("count");
        var start = new StringDataFrameColumn("start");
        var innermost = new StringDataFrameColumn("innermost");
        var depth = new Int32DataFrameColumn("depth");
        var state = new StringDataFrameColumn("state");
        var wait = new Int32DataFrameColumn("wait_minutes");
        var locked = new BooleanDataFrameColumn("locked_to_thread");
        var leaked = new BooleanDataFrameColumn("leaked");
        var createdBy = new StringDataFrameColumn("created_by");
        var creator = new Int64DataFrameColumn("creator_goroutine");
        var labels = new StringDataFrameColumn("labels");
        var line = new Int64DataFrameColumn("line");
        var innermostOfStack = new string?[dump.Stacks.Count];
        string? Innermost(int stack)
        {
            var frames = dump.Stacks.Frames(stack);
            return innermostOfStack[stack] ??= frames.Length == 0 ? null : dump.Frames[frames[0]].ToString();
        }
        if (dump.Goroutines is { } table)
        {
            for (var i = 0; i < table.Count; i++)
            {
                var g = table[i];
                goroutine.Append(g.Id);
                count.Append(1);
                start.Append(dump.Stacks.StartKey(g.Stack));
                innermost.Append(Innermost(g.Stack));
                depth.Append(dump.Stacks.Frames(g.Stack).Length);
                state.Append(g.StateText);
                wait.Append(g.WaitMinutes);
                locked.Append(g.LockedToThread);
                leaked.Append(g.Leaked);
                createdBy.Append(g.CreatedBy < 0 ? null : dump.Frames[g.CreatedBy].ToString());
                creator.Append(g.CreatorId == 0 ? null : g.CreatorId);
                labels.Append(null);
                line.Append(g.Line);
            }
        }
        else
        {
            var isLeak = dump.Kind == GoroutineProfileKind.LeakedGoroutines;
            foreach (var record in dump.Records)
            {
                goroutine.Append(null);
                count.Append(record.Count);
                start.Append(dump.Stacks.StartKey(record.Stack));
                innermost.Append(Innermost(record.Stack));
                depth.Append(dump.Stacks.Frames(record.Stack).Length);
                state.Append(null);
                wait.Append(null);
                locked.Append(null);
                leaked.Append(isLeak);
                createdBy.Append(null);
                creator.Append(null);
                labels.Append(record.Labels.Length == 0 ? null : record.Labels);
                line.Append(null);
            }
        }
        return new DataFrame(goroutine, count, start, innermost, depth, state, wait, locked, leaked, createdBy, creator, labels, line);
    }
}

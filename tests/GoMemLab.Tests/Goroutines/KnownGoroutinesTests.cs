using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Goroutines;

/// <summary>
/// Every dump form of the same program, data/go/goroutines/cmd/known (artifacts of data/gen/61-goroutines.sh, Go 1.19):
/// the counts per start function, creation site and state must equal what the program started. The panic and SIGQUIT
/// tracebacks are of separate runs of the same program, with their own expected.json.
/// </summary>
public class KnownGoroutinesTests
{
    private static readonly KnownGoroutines Expected = KnownGoroutines.Read(Artifact("known-expected.json"));

    public static TheoryData<string, GoroutineDumpForm> Forms => new()
    {
        { "known.pb.gz", GoroutineDumpForm.Protobuf },
        { "known-debug1.txt", GoroutineDumpForm.CountText },
        { "known-debug2.txt", GoroutineDumpForm.Stacks },
        { "known-panic.txt", GoroutineDumpForm.Traceback },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_form_counts_the_goroutines_per_start_function_the_program_started(string file, GoroutineDumpForm form)
    {
        var dump = GoroutineDump.Load(Artifact(file));
        Assert.Equal(form, dump.Form);
        Assert.Equal(GoroutineProfileKind.Goroutines, dump.Kind);
        Assert.Equal(Expected.NumGoroutine, dump.Total);
        Assert.Equal(Sorted(Expected.ByStart), Sorted(Counts(dump.ByStart())));
    }

    [Theory]
    [InlineData("known-debug2.txt")]
    [InlineData("known-panic.txt")]
    public void Goroutine_forms_count_per_creation_site_and_state_and_know_the_locked_one(string file)
    {
        var dump = GoroutineDump.Load(Artifact(file));
        Assert.Equal(Sorted(Expected.ByCreation), Sorted(Counts(dump.ByCreation())));
        Assert.Equal(Sorted(Expected.ByState), Sorted(Counts(dump.ByState())));
        var locked = dump.ByStart().Rows.Where(r => r.LockedToThread > 0).ToList();
        Assert.Equal(Expected.Groups.Where(g => g.LockedToThread > 0).Select(g => (g.Start, (long)g.LockedToThread)),
            locked.Select(r => (r.Key, r.LockedToThread!.Value)));
        Assert.Equal(dump.Total, dump.Goroutines!.Count);
    }

    [Fact]
    public void A_sigquit_dump_counts_the_same_user_goroutines_and_adds_the_runtime_ones()
    {
        var expected = KnownGoroutines.Read(Artifact("known-sigquit-expected.json"));
        var dump = GoroutineDump.Load(Artifact("known-sigquit.txt"));
        Assert.Equal(GoroutineDumpForm.Traceback, dump.Form);
        Assert.Equal("SIGQUIT: quit", dump.Reason);
        // GOTRACEBACK=all on SIGQUIT prints the runtime's own goroutines too (the "system" ones debug=2 and NumGoroutine leave out).
        var byStart = Counts(dump.ByStart());
        var user = byStart.Where(g => !g.Key.StartsWith("runtime.", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(Sorted(expected.ByStart), Sorted(user));
        Assert.Equal(expected.NumGoroutine, user.Values.Sum());
        Assert.Contains(byStart.Keys, k => k == "runtime.forcegchelper");
        // Every frame down to runtime.goexit is printed, with fp= sp= pc=; the register dump after the last goroutine is skipped.
        Assert.True(dump.Skipped.Count > 0);
        // The states of the user goroutines (the runtime's own wait in states of their own, or sleep like ours).
        var table = dump.Goroutines!;
        var userStates = Enumerable.Range(0, table.Count)
            .Where(i => !dump.Stacks.StartKey(table.Stack(i)).StartsWith("runtime.", StringComparison.Ordinal))
            .GroupBy(table.StateText).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(Sorted(expected.ByState), Sorted(userStates));
    }

    [Fact]
    public void The_panic_traceback_keeps_its_message()
    {
        var dump = GoroutineDump.Load(Artifact("known-panic.txt"));
        Assert.Equal("panic: known: dumping every goroutine", dump.Reason);
        Assert.Contains("panic: known: dumping every goroutine", dump.Preamble);
    }

    [Fact]
    public void A_stack_deeper_than_every_limit_reads_as_truncated_in_every_form()
    {
        // protobuf and debug=1 keep 32 frames in Go 1.19; debug=2 prints 100 and then says nothing when some were hidden.
        foreach (var file in new[] { "known.pb.gz", "known-debug1.txt", "known-debug2.txt", "known-panic.txt" })
        {
            var dump = GoroutineDump.Load(Artifact(file));
            Assert.Equal(1, dump.ByStart().CountOf("(truncated) main.deep"));
            Assert.Equal(0, dump.ByStart().CountOf("main.deep"));
        }
    }

    [Fact]
    public void Wait_buckets_count_the_minutes_go_printed()
    {
        var expected = KnownGoroutines.Read(Artifact("known-held-expected.json"));
        var path = Artifact("known-held-debug2.txt");
        var dump = GoroutineDump.Load(path);
        Assert.Equal(1, expected.HoldMinutes);
        // Counted independently: headers that carry ", 1 minutes".
        var withMinutes = File.ReadLines(path).Count(l => l.StartsWith("goroutine ",
            StringComparison.Ordinal) && l.Contains(", 1 minutes"));
        // Every goroutine the program parked had waited over a minute since the GC that started its clock; main was running.
        Assert.Equal(expected.NumGoroutine - 1, withMinutes);
        var all = dump.ByState().Rows;
        Assert.Equal(withMinutes, all.Sum(r => r.Waits!.Value.OneToNineMinutes));
        Assert.Equal(1, all.Sum(r => r.Waits!.Value.UnderOneMinute));
        Assert.Equal(1, all.Single(r => r.Key == "running").Waits!.Value.UnderOneMinute);
        Assert.All(all.Where(r => r.Key != "running"), r => Assert.Equal(1, r.MaxWaitMinutes));
    }

    [Fact]
    public void Group_members_are_the_goroutine_ids_of_the_dump()
    {
        var path = Artifact("known-debug2.txt");
        var dump = GoroutineDump.Load(path);
        var group = dump.ByStart().Find("main.sendForever")!;
        // The ids, read independently: the header above each "main.sendForever(" frame.
        var ids = new List<long>();
        long current = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("goroutine ", StringComparison.Ordinal)) current = long.Parse(line.Split(' ')[1]);
            else if (line.StartsWith("main.sendForever(", StringComparison.Ordinal)) ids.Add(current);
        }
        Assert.Equal(ids.Order(), group.GoroutineIds.Order());
        Assert.Equal(ids.Min(), group.ExampleGoroutine);
        Assert.Equal("chan send 5", group.Breakdown);
        var goroutine = dump.Goroutines![dump.Goroutines.IndexOf(ids[0])];
        Assert.Equal(GoroutineState.ChanSend, goroutine.State);
        Assert.Equal("main.main", dump.Frames.Function(goroutine.CreatedBy));
        Assert.Equal(KnownGoroutines.SiteLines["send"], dump.Frames[goroutine.CreatedBy].Position);
        // The frame's arguments as Go printed them: main.sendForever(0x0?).
        var printed = File.ReadLines(path).SkipWhile(l => !l.StartsWith($"goroutine {ids[0]} ", StringComparison.Ordinal))
            .First(l => l.StartsWith("main.sendForever(", StringComparison.Ordinal));
        var innermost = dump.Stacks.Frames(goroutine.Stack).ToArray().ToList().FindIndex(f
            => dump.Frames.Function(f) == "main.sendForever");
        Assert.Equal(printed["main.sendForever(".Length..^1], dump.Goroutines.Arguments(dump.Goroutines.IndexOf(ids[0]))[innermost]);
    }

    [Fact]
    public void The_count_forms_cannot_be_grouped_by_creation_or_state_and_say_why()
    {
        foreach (var file in new[] { "known.pb.gz", "known-debug1.txt" })
        {
            var dump = GoroutineDump.Load(Artifact(file));
            var creation = Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => dump.ByCreation());
            Assert.StartsWith(Artifact(file) + ": is a ", creation.Message);
            Assert.Contains("has no creation sites", creation.Message);
            var state = Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => dump.ByState());
            Assert.Contains("has no goroutine states and wait times", state.Message);
            Assert.Null(dump.Goroutines);
        }
    }

    internal static string Artifact(string name) => RepoPaths.Artifact("goroutines", name);

    internal static Dictionary<string, long> Counts(GoroutineGroups groups) => groups.Rows.ToDictionary(r => r.Key, r => r.Count);

    private static List<KeyValuePair<string, long>> Sorted(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
}

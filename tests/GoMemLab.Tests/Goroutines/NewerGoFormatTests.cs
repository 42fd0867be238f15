using System.Text;
using GoMemLab.Goroutines;
using GoMemLab.Goroutines.Analyses;
using GoMemLab.Tests.Profiles;
using Google.Protobuf;
using Proto = GoMemLab.Profiles.Proto;

namespace GoMemLab.Tests.Goroutines;

/// <summary>
/// Forms only newer Go prints. Go 1.19 is the only toolchain here, so these inputs are written from Go's own source,
/// quoted per test: golang/go src/runtime/traceback.go (the unwinder version, Go 1.21+: printcreatedby1, traceback1,
/// goroutineheader) and src/runtime/runtime2.go at commit 00814e7b (Go 1.26 development: _Gleaked, waitReasonStrings),
/// and src/runtime/pprof/pprof.go (printCountProfile, unchanged since Go 1.19: the debug=1 header and the protobuf
/// sample type both come from the profile's name, "goroutineleak" for the Go 1.26+ leak profile).
/// </summary>
public class NewerGoFormatTests
{
    [Fact]
    public void Created_by_names_the_creating_goroutine_since_go_1_21()
    {
        // traceback.go, printcreatedby1: print("created by "); printFuncName(…); if goid != 0 { print(" in goroutine ", goid) }
        var dump = Parse("""
            goroutine 7 [chan send]:
            main.sendNoRecv.func1()
            	ex/t31prof2.go:11 +0x1e
            created by main.sendNoRecv in goroutine 1
            	ex/t31prof2.go:11 +0x67
            """);
        var g = dump.Goroutines![0];
        Assert.Equal(1, g.CreatorId);
        Assert.Equal("main.sendNoRecv (ex/t31prof2.go:11)", dump.Frames[g.CreatedBy].ToString());
        Assert.Equal(1, dump.ByCreation().CountOf("main.sendNoRecv (ex/t31prof2.go:11)"));
        Assert.Equal(1, (long)dump.ToDataFrame().Columns["creator_goroutine"][0]!);
    }

    [Fact]
    public void Middle_elision_keeps_the_outer_frames_and_so_the_start_function()
    {
        // traceback.go, traceback1 (Go 1.21+): the first tracebackInnerFrames frames, print("...", elide, " frames elided...\n"),
        // then the last tracebackOuterFrames frames, so the outermost frame is always printed.
        var frames = new StringBuilder();
        for (var i = 0; i < 50; i++) frames.Append("main.recurse(...)\n\tmain.go:9\n");
        frames.Append("...120 frames elided...\n");
        for (var i = 0; i < 49; i++) frames.Append("main.recurse(0x0?)\n\tmain.go:9 +0x25\n");
        var dump = Parse($"goroutine 9 [chan receive]:\n{frames}main.worker()\n\tmain.go:20 +0x18\ncreated by main.main in goroutine "
            + $"1\n\tmain.go:30 +0x44\n");
        Assert.Equal(1, dump.ByStart().CountOf("main.worker"));
        Assert.False(dump.Stacks.IsTruncated(0));
    }

    [Fact]
    public void The_old_elision_marker_means_the_outer_frames_are_missing()
    {
        // Go 1.19 src/runtime/traceback.go, traceback1: if n == _TracebackMaxFrames { print("...additional frames elided...\n") }
        var frames = string.Concat(Enumerable.Repeat("main.recurse(0x0?)\n\tmain.go:9 +0x25\n", 100));
        var dump = Parse($"goroutine 9 [chan receive]:\n{frames}...additional frames elided...\ncreated by main.main\n\tmain.go:30 "
            + $"+0x44\n");
        Assert.Equal(1, dump.ByStart().CountOf("(truncated) main.recurse"));
    }

    [Fact]
    public void Headers_at_gotraceback_system_carry_gp_and_m()
    {
        // traceback.go, goroutineheader (Go 1.23+): print("goroutine ", gp.goid); if … level >= 2 { print(" gp=", gp); print(" m=",
        // gp.m.id, " mp=", gp.m) };
        // print(" [", status) …; if waitfor >= 1 { print(", ", waitfor, " minutes") }; if gp.lockedm != 0 { print(", locked to thread") }
        var dump = Parse("""
            goroutine 1 gp=0xc000002380 m=0 mp=0x5c0f20 [running]:
            main.main()
            	/tmp/x/main.go:12 +0x1d fp=0xc00006ef50 sp=0xc00006ef30 pc=0x4a9c7d

            goroutine 21 gp=0xc000104a80 m=nil [select, 4 minutes, locked to thread]:
            runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
            	/usr/lib/go/src/runtime/proc.go:435 +0xce fp=0xc000047e48 sp=0xc000047e28 pc=0x47612e
            main.loop()
            	/tmp/x/main.go:20 +0x2b fp=0xc000047fc8 sp=0xc000047e48 pc=0x4a9d2b
            main.main.gowrap1()
            	/tmp/x/main.go:10 +0x25 fp=0xc000047fe0 sp=0xc000047fc8 pc=0x4a9ce5
            runtime.goexit({})
            	/usr/lib/go/src/runtime/asm_amd64.s:1700 +0x1 fp=0xc000047fe8 sp=0xc000047fe0 pc=0x47e6a1
            created by main.main in goroutine 1
            	/tmp/x/main.go:10 +0x1a
            """);
        var worker = dump.Goroutines![1];
        Assert.Equal(21, worker.Id);
        Assert.Equal(GoroutineState.Select, worker.State);
        Assert.Equal(4, worker.WaitMinutes);
        Assert.True(worker.LockedToThread);
        // Go 1.21+ names the go statement's wrapper gowrapN; tracebacks hide it except at GOTRACEBACK=system.
        Assert.Equal(1, dump.ByStart().CountOf("main.loop"));
        Assert.Equal("main.main", dump.Stacks.StartKey(dump.Goroutines[0].Stack));
    }

    [Fact]
    public void Wait_reasons_of_newer_go_are_known_and_unknown_ones_kept()
    {
        // runtime2.go at 00814e7b, waitReasonStrings: "sync.Mutex.Lock", "sync.WaitGroup.Wait", "chan receive (durable)" (synctest),
        // "GC weak to strong wait", "cleanup wait"; an unknown state keeps Go's words.
        var dump = Parse("""
            goroutine 3 [sync.Mutex.Lock]:
            main.a()
            	a.go:1 +0x1

            goroutine 4 [sync.WaitGroup.Wait, 2 minutes]:
            main.b()
            	b.go:1 +0x1

            goroutine 5 [chan receive (durable)]:
            main.c()
            	c.go:1 +0x1

            goroutine 6 [cleanup wait]:
            main.d()
            	d.go:1 +0x1

            goroutine 7 [waiting for the moon, 3 minutes]:
            main.e()
            	e.go:1 +0x1
            """);
        var states = dump.Goroutines!.Select(g => (g.State, g.StateText)).ToList();
        Assert.Equal([(GoroutineState.SyncMutexLock, "sync.Mutex.Lock"), (GoroutineState.SyncWaitGroupWait, "sync.WaitGroup.Wait"),
            (GoroutineState.ChanReceive, "chan receive (durable)"), (GoroutineState.CleanupWait, "cleanup wait"),
            (GoroutineState.Unknown, "waiting for the moon")], states);
        Assert.Equal(3, dump.ByState().Find("waiting for the moon")!.MaxWaitMinutes);
    }

    [Fact]
    public void Leaked_goroutines_in_a_debug2_goroutineleak_dump_are_marked()
    {
        // runtime2.go at 00814e7b: _Gleaked "represents a leaked goroutine caught by the GC"; a Go 1.26 goroutineleak debug=2
        // dump lists every goroutine and prints the leaked ones' state as "chan send (leaked)" (see docs/formats/goroutines.md).
        var dump = Parse("""
            goroutine 7 [chan send (leaked)]:
            main.sendNoRecv.func1()
            	ex/t31prof2.go:11 +0x1e
            created by main.sendNoRecv in goroutine 1
            	ex/t31prof2.go:11 +0x67

            goroutine 8 [chan send]:
            main.sendKept.func1()
            	ex/t31prof2.go:17 +0x25
            created by main.sendKept in goroutine 1
            	ex/t31prof2.go:17 +0x1a
            """);
        Assert.True(dump.Goroutines![0].Leaked);
        Assert.False(dump.Goroutines[1].Leaked);
        var chanSend = dump.ByState().Find("chan send")!;
        Assert.Equal(2, chanSend.Count);
        Assert.Equal(1, chanSend.Leaked);
    }

    [Fact]
    public void The_goroutineleak_profile_in_debug1_and_protobuf()
    {
        // pprof.go, printCountProfile: fmt.Fprintf(tw, "%s profile: total %d\n", name, p.Len()) with name "goroutineleak";
        // protobuf: b.pbValueType(tagProfile_SampleType, name, "count") → goroutineleak/count.
        var text = Parse("""
            goroutineleak profile: total 6
            6 @ 0x104235daf 0x1041c1ce7 0x1041c18f7 0x10428dd6b 0x104239f81
            #	0x104235dae	runtime.gopark+0x12e	src/runtime/proc.go:464
            #	0x1041c1ce6	runtime.chansend+0x3a6	src/runtime/chan.go:283
            #	0x1041c18f6	runtime.chansend1+0x16	src/runtime/chan.go:161
            #	0x10428dd6a	app.(*Server[go.shape.int,go.shape.int]).AggregateResults.func1+0x12a	app/server.go:37

            """);
        Assert.Equal(GoroutineProfileKind.LeakedGoroutines, text.Kind);
        Assert.Equal(GoroutineDumpForm.CountText, text.Form);
        var group = Assert.Single(text.ByStart().Rows);
        Assert.Equal(("app.(*Server[go.shape.int,go.shape.int]).AggregateResults.func1", 6L, 6L), (group.Key, group.Count, group.Leaked));

        var proto = new Proto.Profile
        {
            StringTable = { "", "goroutineleak", "count", "runtime.gopark", "app.worker", "proc.go",
            "app.go" }
        };
        proto.SampleType.Add(new Proto.ValueType { Type = 1, Unit = 2 });
        proto.PeriodType = new Proto.ValueType { Type = 1, Unit = 2 };
        proto.Period = 1;
        proto.Function.Add(new Proto.Function { Id = 1, Name = 3, SystemName = 3, Filename = 5 });
        proto.Function.Add(new Proto.Function { Id = 2, Name = 4, SystemName = 4, Filename = 6 });
        proto.Location.Add(new Proto.Location { Id = 1, Address = 0x1000, Line = { new Proto.Line { FunctionId = 1, Line_ = 464 } } });
        proto.Location.Add(new Proto.Location { Id = 2, Address = 0x2000, Line = { new Proto.Line { FunctionId = 2, Line_ = 37 } } });
        proto.Sample.Add(new Proto.Sample { LocationId = { 1, 2 }, Value = { 6 } });
        var binary = GoroutineDump.Parse(ProtoFixtures.Gzip(proto.ToByteArray()), "leak.pb.gz");
        Assert.Equal((GoroutineProfileKind.LeakedGoroutines, GoroutineDumpForm.Protobuf), (binary.Kind, binary.Form));
        Assert.Equal(6, binary.ByStart().Find("app.worker")!.Leaked);
    }

    [Fact]
    public void Ancestors_and_unavailable_stacks()
    {
        // traceback.go, printAncestorTraceback (GODEBUG=tracebackancestors=N): "[originating from goroutine N]:" then the
        // ancestor's frames and created-by; tracebackothers: "\tgoroutine running on other thread; stack unavailable".
        var dump = Parse("""
            goroutine 20 [running]:
            	goroutine running on other thread; stack unavailable
            created by main.main
            	main.go:8 +0x30

            goroutine 21 [chan receive]:
            main.child()
            	main.go:14 +0x20
            created by main.parent
            	main.go:18 +0x22
            [originating from goroutine 19]:
            main.parent(...)
            	main.go:18
            created by main.main
            	main.go:9 +0x30
            """);
        Assert.Equal(2, dump.Total);
        Assert.True(dump.Goroutines!.StackUnavailable(0));
        Assert.Equal(StartFunction.NoStack, dump.Stacks.StartKey(dump.Goroutines.Stack(0)));
        // The ancestor's frames are not the goroutine's: its stack and creation site stay its own.
        Assert.Equal(["main.child"], dump.StackFrames(dump.Goroutines.Stack(1)).Select(f => f.Function));
        Assert.Equal("main.parent (main.go:18)", dump.Frames[dump.Goroutines[1].CreatedBy].ToString());
    }

    [Fact]
    public void Crlf_and_a_panic_preamble_with_a_signal_line()
    {
        var text = "panic: runtime error: invalid memory address or nil pointer dereference\r\n"
            + "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f2a5]\r\n\r\n"
            + "goroutine 1 [running]:\r\nmain.main()\r\n\tC:/Users/go dev/x/main.go:9 +0x25\r\nexit status 2\r\n";
        var dump = GoroutineDump.Parse(Encoding.UTF8.GetBytes(text), "crash.txt");
        Assert.Equal(GoroutineDumpForm.Traceback, dump.Form);
        Assert.Equal("panic: runtime error: invalid memory address or nil pointer dereference", dump.Reason);
        Assert.Equal(new StackFrame("main.main", "C:/Users/go dev/x/main.go", 9), dump.StackFrames(0)[0]);
        Assert.Equal(1, dump.Skipped.Count);
    }

    private static GoroutineDump Parse(string text) => GoroutineDump.Parse(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")), "dump.txt");
}

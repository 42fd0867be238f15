using GoMemLab.AssemblyListings;
using GoMemLab.Escape;
using GoMemLab.Tests.Escape;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.AssemblyListings;

public class EscapeAllocationCrossCheckTests
{
    // Built live: one heap decision per line, each with the allocation call the compiler emits for it.
    [Fact]
    public void A_tiny_program_built_now_agrees_line_by_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("go.mod"), "module example.com/tiny\n\ngo 1.19\n");
        File.WriteAllText(dir.File("tiny.go"), """
            package tiny

            var sink any

            //go:noinline
            func Moved() *int {
            	x := 42
            	return &x
            }

            //go:noinline
            func Slice(n int) []byte {
            	return make([]byte, n)
            }

            //go:noinline
            func Stack() int {
            	y := [4]int{1, 2, 3, 4}
            	return y[0]
            }
            """.Replace("\r\n", "\n"));
        GoBuild.Build(dir.Path, dir.File("m.txt"), "-gcflags=-m", ".");
        GoBuild.Build(dir.Path, dir.File("asm.txt"), "-gcflags=-S", ".");
        var rows = EscapeAllocationCrossCheck.Compare(EscapeLog.Load(dir.File("m.txt")), AssemblyListing.Load(dir.File("asm.txt"))).Rows;
        Assert.All(rows, r => Assert.Equal(CrossCheckStatus.Agree, r.Status));
        Assert.Equal([(7, "newobject"), (13, "makeslice")], rows.Select(r => (r.Line, r.Calls.Single())));
    }

    [Fact]
    public void The_leaky_build_lists_agreements_and_both_kinds_of_mismatch()
    {
        var rows = EscapeAllocationCrossCheck.Compare(
            EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-m2.txt")),
                AssemblyListing.Load(RepoPaths.Artifact("escape", "leaky-asm.txt"))).Rows;
        var box = Assert.Single(rows, r => r.File.EndsWith("escape/iface.go") && r.Line == 11);
        Assert.Equal((CrossCheckStatus.Agree, "convT64"), (box.Status, box.Calls.Single()));
        Assert.Contains(rows, r => r.Status == CrossCheckStatus.CallWithoutDecision && r.Calls.Contains("growslice") && r.MayNotAllocate);
        // Inlined allocations: the decision is at the call site, the CALL at the callee's line.
        Assert.Contains(rows, r => r.Status == CrossCheckStatus.DecisionWithoutCall
            && r.Decisions.Contains("new(http.ServeMux) escapes to heap"));
        Assert.Contains(rows, r => r.Status == CrossCheckStatus.CallWithoutDecision && r.File.StartsWith("$GOROOT/src/net/http/server.go"));
    }
}

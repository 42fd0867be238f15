using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The committed dumps, loaded afresh by each call: a dump shared by a test class would build its dominator tree inside
/// whichever test came first, and mutation testing would credit that test alone with covering the tree.
/// </summary>
internal static class CommittedDumps
{
    /// <summary>heapdump-tiny.dump (make-heapdump-inputs.py): four objects whose every pointer is known.</summary>
    public static HeapDump Tiny() => HeapDump.Load(BadInput("heapdump-tiny.dump"));

    /// <summary>heapdump-suspects.dump (make-heapdump-inputs.py): built for the edges of the leak-suspect rule.</summary>
    public static HeapDump Suspects() => HeapDump.Load(BadInput("heapdump-suspects.dump"));

    /// <summary>The leaky service's dump (data/gen/60-heapdump.sh), roots unnamed (no binary).</summary>
    public static HeapDump Leaky() => HeapDump.Load(RepoPaths.Artifact("heapdump", "leaky.dump.gz"));

    private static string BadInput(string name) => Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs", name);
}

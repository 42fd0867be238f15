using GoMemLab.Escape;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Escape;

public class EscapeDiffTests
{
    // data/go/fix: "after" keeps Fingerprint's scratch buffer on the stack (see its package comment).
    [Fact]
    public void Fix_removes_exactly_the_scratch_buffer_escape()
    {
        var before = EscapeLog.Load(RepoPaths.Artifact("escape", "fix-before-m2.txt"));
        var after = EscapeLog.Load(RepoPaths.Artifact("escape", "fix-after-m2.txt"));
        var result = EscapeDiff.Compare(before, after);
        var removed = Assert.Single(result.Rows, r => r.Status == EscapeChange.Removed);
        Assert.Equal(result.Rows, after.DiffSince(before).Rows);
        Assert.Equal(("fingerprint/fingerprint.go", "Fingerprint", "make([]byte, 0, len(r.Name) + 40)"), (removed.File, removed.Function,
            removed.Subject));
        Assert.Equal(0, result.New);
        Assert.Equal(before.Diagnostics.Count(d => d.Kind.IsHeapDecision()) - 1, result.Unchanged);

        var reverse = EscapeDiff.Compare(after, before);
        Assert.Equal(1, reverse.New);
        Assert.Equal(0, reverse.Removed);
    }

    // A real rebuild after inserting lines above the code: every escape moves down, none is "new".
    [Fact]
    public void Shifted_lines_do_not_count_as_changes()
    {
        using var dir = new TempDirectory();
        CopyDirectory(RepoPaths.Data("go", "fix", "before"), dir.Path);
        var source = Path.Combine(dir.Path, "fingerprint", "fingerprint.go");
        var text = File.ReadAllText(source);
        File.WriteAllText(source, text.Replace("import \"strconv\"", "// shifted\n// shifted\n// shifted\n\nimport \"strconv\""));
        var shiftedLog = dir.File("shifted-m2.txt");
        GoBuild.Build(dir.Path, shiftedLog, "-gcflags=-m=2", "./...");

        var before = EscapeLog.Load(RepoPaths.Artifact("escape", "fix-before-m2.txt"));
        var shifted = EscapeLog.Load(shiftedLog);
        var result = EscapeDiff.Compare(before, shifted);
        Assert.Equal((0, 0), (result.New, result.Removed));
        Assert.Contains(result.Rows, r => r.File == "fingerprint/fingerprint.go" && r.AfterLine == r.BeforeLine + 4);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

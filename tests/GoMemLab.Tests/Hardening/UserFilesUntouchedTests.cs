using System.Security.Cryptography;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// A file the user passes is only read: every loader leaves its bytes and timestamps as they were, holds
/// no handle once it returns (an exclusive open succeeds right after), and reads a file another program
/// still has open for writing (a live log) without being refused or blocking that writer.
/// </summary>
public sealed class UserFilesUntouchedTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "pprof", "heap/leaky-heap-1.pb.gz" },
        { "pprof", "heap/leaky-heap-debug1.txt" },
        { "escape-text", "escape/leaky-m2.txt" },
        { "asm", "escape/fix-before-asm.txt" },
        { "gctrace", "telemetry/leaky-gctrace.log" },
        { "memstats", "telemetry/leaky-memstats.jsonl" },
        { "memstats", "telemetry/leaky-vars-1.json" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Loading_leaves_the_file_unchanged_and_unlocked(string loader, string artifact)
    {
        using var temp = new TempDirectory();
        var path = temp.File(Path.GetFileName(artifact));
        File.Copy(RepoPaths.Artifact(artifact.Split('/')), path);
        var written = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);
        var hash = SHA256.HashData(File.ReadAllBytes(path));

        Assert.StartsWith("ok: ", BadInputOutcome.Of(loader, path));

        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        using (File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_file_another_program_is_writing_can_be_loaded(string loader, string artifact)
    {
        using var temp = new TempDirectory();
        var path = temp.File(Path.GetFileName(artifact));
        File.Copy(RepoPaths.Artifact(artifact.Split('/')), path);
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);

        Assert.StartsWith("ok: ", BadInputOutcome.Of(loader, path));

        writer.Seek(0, SeekOrigin.End);
        writer.WriteByte((byte)'\n'); // the writer was not disturbed
    }
}

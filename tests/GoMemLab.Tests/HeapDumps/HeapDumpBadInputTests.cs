using GoMemLab.HeapDumps;
using GoMemLab.Inputs;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Damaged heap dumps (tests/GoMemLab.Tests/BadInputs/heapdump-*.dump, written by make-heapdump-inputs.py): each is
/// refused with one line naming the file and the byte offset, by the library and by the CLI (exit 2, nothing on
/// stdout), and nothing is allocated from a length the file cannot back.
/// </summary>
public sealed class HeapDumpBadInputTests
{
    private static string Input(string name) => Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs", name);

    public static TheoryData<string, string> Cases => new()
    {
        { "heapdump-truncated.dump", "(at byte 77): an object of 32 bytes runs past the end of the file" },
        { "heapdump-no-eof.dump", "(at byte 846): the dump ends without its EOF record: it is truncated" },
        { "heapdump-go14-header.dump",
            "(at byte 0): heap dump format \"go1.4 heap dump\\n\" is not supported: only \"go1.7 heap dump\" (Go 1.7 and later) is read" },
        { "heapdump-unknown-tag.dump", "(at byte 47): unknown record tag 42 (a go1.7 heap dump has tags 0-17)" },
        { "heapdump-absurd-length.dump", "(at byte 54): an object of 1,152,921,504,606,846,976 bytes runs past the end of the file" },
        { "heapdump-field-outside-object.dump", "(at byte 72): a pointer field at offset 12 lies outside its 16 bytes" },
        { "heapdump-overlapping-objects.dump",
          "(at byte 88): the object at 0xc000000008 shares page 0xc000000000 with objects of another span (at 0xc000000000, 32 bytes "
              + "each): objects overlap" },
        { "heapdump-object-before-params.dump", "(at byte 16): an object before the params record (the pointer size is not known yet)" },
        { "heapdump-huge-varint.dump", "(at byte 47): a number is longer than 64 bits" },
        { "empty.pb.gz", "(at byte 0): is empty, expected a heap dump (runtime/debug.WriteHeapDump)" },
        { "heap-crlf.txt", "(at byte 0): not a Go heap dump: expected the header \"go1.7 heap dump\\n\" written by "
            + "runtime/debug.WriteHeapDump" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_damaged_dump_is_one_error_naming_the_file_and_the_offset(string name, string expected)
    {
        var path = Input(name);
        var error = Assert.Throws<InputFormatException>(() => HeapDump.Load(path));
        Assert.Equal($"{path} {expected}", error.Message);
        Assert.NotNull(error.Offset);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_cli_prints_that_line_and_exits_2(string name, string expected)
    {
        var path = Input(name);
        var (exit, stdout, stderr) = GomemlabCli.Run("heapdump", "roots", path);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"gomemlab: {path} {expected}", stderr.Trim());
    }

    [Fact]
    public void A_missing_file_and_a_directory_are_refused_by_name()
    {
        Assert.Equal("no-such.dump: no such file", Assert.Throws<InputFormatException>(() => HeapDump.Load("no-such.dump")).Message);
        var folder = Input("a-directory");
        Assert.Equal($"{folder}: is a directory, expected a file",
            Assert.Throws<InputFormatException>(() => HeapDump.Load(folder)).Message);
    }

    [Fact]
    public void Redacting_a_damaged_dump_leaves_no_output_behind()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out.dump");
        Assert.Throws<InputFormatException>(() => HeapDumpRedactor.Redact(Input("heapdump-truncated.dump"), output));
        Assert.False(File.Exists(output));
    }
}

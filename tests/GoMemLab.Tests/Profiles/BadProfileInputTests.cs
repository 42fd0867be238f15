using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Tests.Support;
using Proto = GoMemLab.Profiles.Proto;

namespace GoMemLab.Tests.Profiles;

/// <summary>Every kind of broken input ends in one InputFormatException that names the file and says what is wrong.</summary>
public class BadProfileInputTests
{
    private static InputFormatException LoadFile(TempDirectory dir, byte[] content, string name = "bad.pb.gz")
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<InputFormatException>(() => Profile.Load(path));
        Assert.Equal(path, error.File);
        Assert.StartsWith(path, error.Message);
        return error;
    }

    [Fact]
    public async Task Drop_frames_that_is_no_regex_is_the_files_error_and_a_hostile_one_cannot_hang()
    {
        // drop_frames and keep_frames come from the file (found by fuzzing: "^([pace)$" crashed Top).
        var p = ProtoFixtures.Small();
        p.StringTable[12] = "[pace";
        var broken = Profile.Parse(p.Bytes(), "broken.pb");
        var error = Assert.Throws<InputFormatException>(() => GoMemLab.Profiles.Analyses.Top.Compute(broken, new()));
        Assert.StartsWith("broken.pb: its drop_frames \"[pace\" is not a usable regular expression", error.Message);
        // A catastrophic-backtracking pattern runs in linear time with the non-backtracking engine.
        p.StringTable[6] = new string('a', 5000) + "!";
        p.StringTable[12] = "(a+)+$";
        var hostile = Profile.Parse(p.Bytes(), "hostile.pb");
        // (With a backtracking engine this call would not return; the bound only turns such a hang into a failure.)
        var top = Task.Run(() => GoMemLab.Profiles.Analyses.Top.Compute(hostile, new()));
        Assert.True(await Task.WhenAny(top, Task.Delay(TimeSpan.FromSeconds(60))) == top,
            "Top did not finish: the drop_frames pattern backtracks");
        Assert.NotEmpty((await top).Rows);
    }

    [Fact]
    public void An_empty_file_is_refused_as_no_profile()
    {
        using var dir = new TempDirectory();
        var error = LoadFile(dir, []);
        Assert.Contains("empty file, expected a pprof profile (gzipped protobuf) or a legacy heap text profile", error.Message);
    }

    [Fact]
    public void A_directory_is_refused()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<InputFormatException>(() => Profile.Load(dir.Path));
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<InputFormatException>(() => Profile.Load(dir.File("nope.pb.gz")));
        Assert.Contains("no such file", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_is_refused()
    {
        using var dir = new TempDirectory();
        var whole = File.ReadAllBytes(RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"));
        var error = LoadFile(dir, whole[..(whole.Length / 2)]);
        Assert.Contains("gzip data is truncated", error.Message);
    }

    [Fact]
    public void A_gzip_of_garbage_is_no_profile_at_offset_0()
    {
        using var dir = new TempDirectory();
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0xff;
        var error = LoadFile(dir, ProtoFixtures.Gzip(garbage));
        Assert.Contains("not a pprof profile", error.Message);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_refused()
    {
        using var dir = new TempDirectory();
        var bytes = ProtoFixtures.Gzip(ProtoFixtures.Small().Bytes());
        for (var i = 10; i < bytes.Length - 8; i++) bytes[i] ^= 0x5a;
        var error = LoadFile(dir, bytes);
        Assert.Matches("gzip|not a pprof profile|protobuf", error.Message);
    }

    [Fact]
    public void Random_bytes_are_no_profile()
    {
        using var dir = new TempDirectory();
        var random = new byte[1000];
        new Random(3).NextBytes(random);
        random[0] = 0x07; // a wire type protobuf never uses
        var error = LoadFile(dir, random, "random.bin");
        Assert.Contains("not a pprof profile", error.Message);
    }

    [Fact]
    public void A_text_profile_other_than_the_legacy_heap_is_refused()
    {
        using var dir = new TempDirectory();
        var error = LoadFile(dir, "goroutine profile: total 4\n1 @ 0x1 0x2\n"u8.ToArray(), "goroutine.txt");
        Assert.Contains("only the legacy heap text", error.Message);
    }

    [Fact]
    public void A_string_index_out_of_range_is_named()
    {
        using var dir = new TempDirectory();
        var p = ProtoFixtures.Small();
        p.Function[1].Name = 99;
        var error = LoadFile(dir, p.Bytes(), "strings.pb");
        Assert.Contains("string index 99 of function id 2 name is out of range", error.Message);
    }

    [Fact]
    public void A_location_id_not_in_the_profile_is_named()
    {
        using var dir = new TempDirectory();
        var p = ProtoFixtures.Small();
        p.Sample[1].LocationId[0] = 42;
        var error = LoadFile(dir, p.Bytes(), "locations.pb");
        Assert.Contains("sample 1 refers to location id 42, which is not in the profile", error.Message);
    }

    [Fact]
    public void A_function_id_not_in_the_profile_is_named()
    {
        using var dir = new TempDirectory();
        var p = ProtoFixtures.Small();
        p.Location[1].Line[0].FunctionId = 7;
        var error = LoadFile(dir, p.Bytes(), "functions.pb");
        Assert.Contains("function id 7, which is not in the profile", error.Message);
    }

    [Fact]
    public void A_mapping_id_not_in_the_profile_is_named()
    {
        using var dir = new TempDirectory();
        var p = ProtoFixtures.Small();
        p.Location[0].MappingId = 5;
        var error = LoadFile(dir, p.Bytes(), "mappings.pb");
        Assert.Contains("mapping id 5, which is not in the profile", error.Message);
    }

    [Fact]
    public void A_sample_with_the_wrong_number_of_values_is_named()
    {
        using var dir = new TempDirectory();
        var p = ProtoFixtures.Small();
        p.Sample[1].Value.Add(5);
        var error = LoadFile(dir, p.Bytes(), "values.pb");
        Assert.Contains("sample 1 has 3 values, expected 2", error.Message);
    }

    [Fact]
    public void A_huge_varint_is_refused_at_its_offset()
    {
        using var dir = new TempDirectory();
        // period (field 12, varint) followed by eleven continuation bytes.
        byte[] bytes = [0x60, .. Enumerable.Repeat((byte)0xff, 11), 0x01];
        var error = LoadFile(dir, bytes, "varint.pb");
        Assert.Contains("varint", error.Message);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void A_length_past_the_end_is_refused_at_its_offset()
    {
        using var dir = new TempDirectory();
        var valid = ProtoFixtures.Small().Bytes();
        // A sample (field 2) claiming 1000 bytes, after a valid profile.
        byte[] bytes = [.. valid, 0x12, 0xe8, 0x07, 0x08, 0x01];
        var error = LoadFile(dir, bytes, "length.pb");
        Assert.Contains("runs past the end", error.Message);
        Assert.Equal(valid.Length + 1, error.Offset);
    }

    [Fact]
    public void A_truncated_protobuf_is_refused()
    {
        using var dir = new TempDirectory();
        var valid = ProtoFixtures.Small().Bytes();
        var error = LoadFile(dir, valid[..(valid.Length - 3)], "cut.pb");
        Assert.Matches("runs past the end|truncated", error.Message);
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        using var dir = new TempDirectory();
        var p = ProtoFixtures.Small();
        p.Function[2].Id = 1;
        var error = LoadFile(dir, p.Bytes(), "dup.pb");
        Assert.Contains("two functions have id 1", error.Message);
    }

    [Fact]
    public void A_malformed_legacy_record_is_refused_at_its_line()
    {
        using var dir = new TempDirectory();
        var error = LoadFile(dir, "heap profile: 1: 2 [3: 4] @ heap/1024\n1: 2 [3: 4] @ 0x10\nnot a record\n"u8.ToArray(), "heap.txt");
        Assert.Equal(3, error.Line);
    }
}

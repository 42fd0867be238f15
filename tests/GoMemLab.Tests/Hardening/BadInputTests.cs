using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// The bad-input corpus of issue 7 (tests/GoMemLab.Tests/BadInputs, written by make-bad-inputs.py; the
/// 10 MB cases by <see cref="BigBadInputs"/>): each file, the loader it is given to, and the exact outcome —
/// one <see cref="Inputs.InputFormatException"/> message ({file} stands for the path), or for formats that
/// allow it the lines read and the lines skipped and counted. "artifact/…" names a committed artifact used
/// as "a log of another format".
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "pprof-truncated-gzip.pb.gz", "pprof",
          "error: {file}: gzip data is truncated or corrupt: it decompresses to 611 bytes but its trailer records 4,218,032,015" },
        { "pprof-gzip-of-garbage.pb.gz", "pprof",
          "error: {file} (at byte 0): not a pprof profile (gzipped protobuf) or a legacy heap text profile: it starts with bytes "
              + "A54DCA182530BB1D" },
        { "pprof-length-past-end.pb", "pprof",
          "error: {file} (at byte 1): truncated or corrupt protobuf data: a field of 200 bytes runs past the end (3 bytes left)" },
        { "pprof-huge-varint.pb", "pprof",
          "error: {file} (at byte 132): malformed protobuf data: varint overflows 64 bits" },
        { "pprof-string-id-out-of-range.pb", "pprof",
          "error: {file}: malformed profile: string index 99 of sample_type.type is out of range (the string table has 7 entries)" },
        { "pprof-location-id-out-of-range.pb", "pprof",
          "error: {file}: sample 0 refers to location id 7, which is not in the profile" },
        { "pprof-function-id-out-of-range.pb", "pprof",
          "error: {file}: location id 1 has a line in function id 9, which is not in the profile" },
        { "pprof-value-count-mismatch.pb", "pprof",
          "error: {file}: sample 0 has 1 values, expected 2 (one per sample type: inuse_space, alloc_space)" },
        { "pprof-zero-period.pb", "pprof",
          "ok: 1 samples, 2 locations; top total 4096: main.leak flat 4096 cum 4096, main.main flat 0 cum 4096" },
        { "pprof-recursive-stack.pb", "pprof",
          "ok: 1 samples, 2 locations; top total 4096: main.leak flat 4096 cum 4096, main.main flat 0 cum 4096" },
        { "pprof-negative-value.pb", "pprof",
          "ok: 1 samples, 2 locations; top total 4096: main.leak flat -4096 cum -4096, main.main flat 0 cum -4096" },
        { "pprof-samples-without-sample-type.pb", "pprof",
          "error: {file}: malformed profile: 1 samples but no sample_type, so their values have no meaning" },
        { "pprof-location-id-zero.pb", "pprof",
          "error: {file}: location 0 has id 0 (ids must be non-zero)" },
        { "pprof-duplicate-location-id.pb", "pprof",
          "error: {file}: two locations have id 1" },
        { "pprof-gzip-size-field-4gb.pb.gz", "pprof",
          "error: {file}: is not valid gzip data (The archive entry was compressed using an unsupported compression method)" },
        { "empty.pb.gz", "pprof",
          "error: {file}: empty file, expected a pprof profile (gzipped protobuf) or a legacy heap text profile" },
        { "empty.pb.gz", "escape-text",
          "error: {file}: is empty, expected go build -gcflags=-m output (the compiler prints it on stderr: go build "
              + "-gcflags=-m 2> FILE)" },
        { "empty.pb.gz", "asm",
          "error: {file}: is empty, expected go build -gcflags=-S output (the compiler prints it on stderr: go build "
              + "-gcflags=-S 2> FILE)" },
        { "empty.pb.gz", "gctrace",
          "error: {file}: is empty, expected GODEBUG=gctrace=1 output" },
        { "empty.pb.gz", "memstats",
          "error: {file}: is empty, expected MemStats or runtime/metrics JSON lines, expvar JSON, a Prometheus scrape or query answer, or "
              + "a debug=1 heap profile" },
        { "empty.pb.gz", "notebook",
          "error: {file}:1: is not valid JSON (The input does not contain any JSON tokens. Expected the input to start with a valid JSON "
              + "token, when isFinalBlock is true. LineNumber: 0 | BytePositionInLine: 0.)" },
        { "pprof-empty-gzip.pb.gz", "pprof",
          "error: {file}: empty profile: the gzip stream decompresses to nothing" },
        { "a-directory", "pprof",
          "error: {file}: is a directory, expected a file" },
        { "a-directory", "asm",
          "error: {file}: is a directory, expected a file" },
        { "a-directory", "gctrace",
          "error: {file}: is a directory, expected a file" },
        { "a-directory", "memstats",
          "error: {file}: is a directory, expected a file" },
        { "a-directory", "notebook",
          "error: {file}: is a directory, expected a file" },
        { "a-directory", "escape-json",
          "error: {file}: has no .json files; expected the directory of go build -gcflags=-json=0,DIR" },
        { "artifact/telemetry/leaky-gctrace.log", "pprof",
          "error: {file}:1: text profile \"{first-line-60}\" is not supported: only the legacy heap text (debug=1) is read; fetch other "
              + "profiles as protobuf (debug=0)" },
        { "artifact/escape/leaky-m2.txt", "pprof",
          "error: {file}:1: text profile \"# example.com/leaky/internal/cache\" is not supported: only the legacy heap text (debug=1) is "
              + "read; fetch other profiles as protobuf (debug=0)" },
        { "artifact/heap/leaky-heap-1.pb.gz", "escape-text",
          "error: {file} (at byte {first-nul}): is binary (NUL byte), expected the text of go build -gcflags=-m" },
        { "artifact/heap/leaky-heap-1.pb.gz", "gctrace",
          "error: {file}: has no gctrace line in {lines} lines (expected lines like \"gc 1 @0.01s 2%: …\"; capture the stderr of a program "
              + "run with GODEBUG=gctrace=1)" },
        { "artifact/heap/leaky-heap-1.pb.gz", "memstats",
          "error: {file}:1: is not MemStats or runtime/metrics JSON lines, expvar JSON, a Prometheus scrape or query answer, or a "
              + "debug=1 heap profile" },
        { "artifact/heap/leaky-heap-1.pb.gz", "asm",
          "error: {file} (at byte {first-nul}): is binary (NUL byte), expected the text of go build -gcflags=-S" },
        { "artifact/escape/leaky-m2.txt", "asm",
          "error: {file}: has no \"SYMBOL STEXT\" function headers; expected the output of go build -gcflags=-S" },
        { "artifact/escape/leaky-asm.txt", "escape-text",
          "error: {file}:2: has no file:line:col: diagnostics; expected the output of go build -gcflags=-m (or -m=2)" },
        { "artifact/telemetry/leaky-memstats.jsonl", "gctrace",
          "error: {file}: has no gctrace line in {lines} lines (expected lines like \"gc 1 @0.01s 2%: …\"; capture the stderr of a program "
              + "run with GODEBUG=gctrace=1)" },
        { "artifact/telemetry/leaky-gctrace.log", "memstats",
          "error: {file}:1: is not MemStats or runtime/metrics JSON lines, expvar JSON, a Prometheus scrape or query answer, or a "
              + "debug=1 heap profile" },
        { "artifact/telemetry/leaky-gctrace.log", "escape-text",
          "error: {file}:1: has no file:line:col: diagnostics; expected the output of go build -gcflags=-m (or -m=2)" },
        { "artifact/escape/leaky-m2.txt", "notebook",
          "error: {file}:1: is not valid JSON ('#' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.)" },
        { "heap-zero-rate.txt", "pprof",
          "ok: 1 samples, 2 locations; top total 4096: <unknown> flat 4096 cum 4096" },
        { "heap-negative-count.txt", "pprof",
          "ok: 1 samples, 1 locations; top total 260101: <unknown> flat -260101 cum -260101" },
        { "heap-truncated-record.txt", "pprof",
          "error: {file}:2: not a heap profile record (expected 'N: M [N: M] @ 0x…'): \"1: 4096 [2: 81\"" },
        { "heap-crlf.txt", "pprof",
          "ok: 1 samples, 2 locations; top total 264197: <unknown> flat 264197 cum 264197" },
        { "heap-other-text-profile.txt", "pprof",
          "error: {file}:1: text profile \"goroutine profile: total 4\" is not supported: only the legacy heap text (debug=1) is read; "
              + "fetch other profiles as protobuf (debug=0)" },
        { "escape-crlf.txt", "escape-text",
          "ok: 3 diagnostics (CanInline 1, CannotInline 0, Devirtualized 0, DoesNotEscape 0, EscapesToHeap 0, InliningCall 0, LeakingParam "
              + "0, LeakingParamContent 0, LeakingParamToResult 0, MovedToHeap 1, Other 1, ParamLeaks 0), 2 flow steps, 0 "
                  + "unpositioned lines" },
        { "escape-non-utf8.txt", "escape-text",
          "ok: 3 diagnostics (CanInline 1, CannotInline 0, Devirtualized 0, DoesNotEscape 0, EscapesToHeap 0, InliningCall 0, LeakingParam "
              + "0, LeakingParamContent 0, LeakingParamToResult 0, MovedToHeap 1, Other 1, ParamLeaks 0), 2 flow steps, 0 "
                  + "unpositioned lines" },
        { "escape-binary.txt", "escape-text",
          "error: {file} (at byte 0): is binary (NUL byte), expected the text of go build -gcflags=-m" },
        { "escape-flow-without-header.txt", "escape-text",
          "ok: 1 diagnostics (CanInline 0, CannotInline 0, Devirtualized 0, DoesNotEscape 0, EscapesToHeap 0, InliningCall 0, LeakingParam "
              + "0, LeakingParamContent 0, LeakingParamToResult 0, MovedToHeap 0, Other 1, ParamLeaks 0), 0 flow steps, 0 "
                  + "unpositioned lines" },
        { "escape-json-no-header", "escape-json",
          "error: {file}/main/main.json:1: first line is not a logopt header ({\"version\":…})" },
        { "escape-json-truncated-line", "escape-json",
          "error: {file}/main/main.json:2: is not valid JSON (Expected end of string, but instead reached end of data)" },
        { "escape-json-range-is-string", "escape-json",
          "error: {file}/main/main.json:2: has an unexpected JSON shape (The requested operation requires an element of type 'Object', but "
              + "the target element has type 'String'.)" },
        { "escape-json-no-range", "escape-json",
          "error: {file}/main/main.json:2: has an unexpected JSON shape (a diagnostic without range.start.line and "
              + "range.start.character)" },
        { "escape-json-line-is-huge", "escape-json",
          "error: {file}/main/main.json:2: has a number out of range (expected a 32-bit line or column)" },
        { "asm-gctrace.txt", "asm",
          "error: {file}: has no \"SYMBOL STEXT\" function headers; expected the output of go build -gcflags=-S" },
        { "gctrace-crlf.log", "gctrace",
          "ok: 4 gcs of 4 lines" },
        { "gctrace-non-utf8.log", "gctrace",
          "ok: 4 gcs of 6 lines; 2 lines skipped (truncated or damaged gc line: 1, not gctrace: 1), first at lines 5, 6" },
        { "gctrace-truncated-line.log", "gctrace",
          "ok: 4 gcs of 5 lines; 1 line skipped (truncated or damaged gc line: 1), first at line 5" },
        { "gctrace-negative.log", "gctrace",
          "ok: 4 gcs of 5 lines; 1 line skipped (truncated or damaged gc line: 1), first at line 5" },
        { "gctrace-huge-gc-number.log", "gctrace",
          "ok: 4 gcs of 5 lines; 1 line skipped (truncated or damaged gc line: 1), first at line 5" },
        { "gctrace-escape-log.log", "gctrace",
          "error: {file}: has no gctrace line in 6 lines (expected lines like \"gc 1 @0.01s 2%: …\"; capture the stderr of a program run "
              + "with GODEBUG=gctrace=1)" },
        { "memstats-crlf.jsonl", "memstats",
          "ok: 4 snapshots" },
        { "memstats-truncated-line.jsonl", "memstats",
          "ok: 4 snapshots; 1 line skipped (not JSON (truncated?): 1), first at line 5" },
        { "memstats-negative.jsonl", "memstats",
          "ok: 4 snapshots; 1 line skipped (bad value for Alloc: 1), first at line 5" },
        { "memstats-non-utf8.jsonl", "memstats",
          "ok: 4 snapshots; 1 line skipped (JSON but not MemStats (no HeapAlloc/NumGC): 1), first at line 5" },
        { "memstats-escape-log.jsonl", "memstats",
          "error: {file}:1: is not MemStats or runtime/metrics JSON lines, expvar JSON, a Prometheus scrape or query answer, or a "
              + "debug=1 heap profile" },
        { "memstats-string-number.jsonl", "memstats",
          "ok: 4 snapshots; 1 line skipped (JSON but not MemStats (no HeapAlloc/NumGC): 1), first at line 5" },
        { "notebook-nbformat-string.ipynb", "notebook",
          "error: {file}: is not a Jupyter notebook in nbformat 4" },
        { "notebook-cell-source-number.ipynb", "notebook",
          "error: {file}: cell 1 has a field of the wrong JSON type (An element of type 'Number' cannot be converted to a "
              + "'System.String')" },
        { "memstats-trailer-unnamed-field.txt", "memstats", "ok: 1 snapshots" },
        { "memstats-expvar-non-utf8-name.json", "memstats", "ok: 1 snapshots" },
        { "notebook-duplicate-key.ipynb", "notebook",
          "error: {file}: has an object with a duplicate property (An item with the same key has already been added. Key: metadata)" },
        { "notebook-non-utf8-name.ipynb", "notebook", "error: {file}: is not valid UTF-8 JSON" },
        { "notebook-truncated.ipynb", "notebook",
          "error: {file}:1: is not valid JSON (Expected end of string, but instead reached end of data. LineNumber: 0 | "
              + "BytePositionInLine: 39.)" },
        { "goroutines-truncated-frame.txt", "goroutines",
          "error: {file}:8: the dump ends after 'main.recv' without its file:line line: the file is truncated" },
        { "goroutines-mixed-text.txt", "goroutines",
          "error: {file}:3: expected the file:line of 'main.recv' (line 2) as a tab and FILE:LINE, found \"gc 1 @0.041s 0%: "
              + "0.21+5.0+0.049 ms clock\"" },
        { "goroutines-unknown-state.txt", "goroutines",
          "ok: 3 goroutines, stacks (debug=2); main.recv 3; states: chan receive 2, waiting for the moon 1" },
        { "goroutines-absurd-id.txt", "goroutines", "error: {file}:1: goroutine id 99999999999999999999999 is out of range" },
        { "goroutines-absurd-minutes.txt", "goroutines",
          "error: {file}:1: wait of '99999999999 minutes' is not a number of minutes Go could print" },
        { "goroutines-empty-state.txt", "goroutines", "error: {file}:1: the state between [ and ] is empty" },
        { "goroutines-duplicate-id.txt", "goroutines",
          "error: {file}:13: goroutine 18 appears twice (lines 1 and 13): are two dumps pasted into one file?" },
        { "goroutines-frame-after-created-by.txt", "goroutines",
          "error: {file}:6: a frame after the 'created by' lines of goroutine 18 (line 1): \"main.more()\"" },
        { "goroutines-crlf.txt", "goroutines", "ok: 2 goroutines, traceback (panic or signal); main.recv 2; states: chan receive 2" },
        { "goroutines-debug1-total-mismatch.txt", "goroutines",
          "error: {file}:1: the header says total 10 but the records count 4 goroutines: the file is truncated or edited" },
        { "goroutines-debug1-absurd-count.txt", "goroutines",
          "error: {file}:2: the count \"99999999999\" is not a goroutine count (1 to 2,147,483,647)" },
        { "goroutines-debug1-truncated.txt", "goroutines",
          "error: {file}:5: a record without its '#' frame lines (is the file cut short?)" },
        { "goroutines-debug1-other-profile.txt", "goroutines", "error: {file}:1: is a debug=1 threadcreate profile, not a goroutine dump" },
        { "heap-other-text-profile.txt", "goroutines", "error: {file}:2: a record without its '#' frame lines (is the file cut short?)" },
        { "empty.pb.gz", "goroutines",
          "error: {file}: is empty: expected a goroutine dump (protobuf, 'goroutine profile: total N' from debug=1, or 'goroutine N "
              + "[state]:' records from debug=2, a panic or SIGQUIT)" },
        { "a-directory", "goroutines", "error: {file}: is a directory, expected a file" },
        { "artifact/heap/leaky-heap-debug1.txt", "goroutines", "error: {file}:1: is a debug=1 heap profile, not a goroutine dump" },
        { "artifact/heap/leaky-heap-1.pb.gz", "goroutines",
          "error: {file}: is a pprof profile with sample types alloc_objects/count, alloc_space/bytes, inuse_objects/count, "
              + "inuse_space/bytes, not a goroutine profile (goroutine/count or goroutineleak/count)" },
        { "artifact/telemetry/leaky-gctrace.log", "goroutines",
          "error: {file}: has no goroutine record: expected a goroutine dump (protobuf, 'goroutine profile: total N' from debug=1, or "
              + "'goroutine N [state]:' records from debug=2, a panic or SIGQUIT)" },
        { "artifact/goroutines/known-debug2.txt", "pprof",
          "error: {file}:1: text profile \"goroutine 1 [running]:\" is not supported: only the legacy heap text (debug=1) is read; "
              + "fetch other profiles as protobuf (debug=0)" },
        { "generated/10mb-line.gctrace.log", "gctrace",
          "ok: 3 gcs of 4 lines; 1 line skipped (not gctrace: 1), first at line 3" },
        { "generated/10mb-gc-prefixed-line.gctrace.log", "gctrace",
          "ok: 2 gcs of 3 lines; 1 line skipped (truncated or damaged gc line: 1), first at line 2" },
        { "generated/10mb-line.escape.txt", "escape-text",
          "ok: 5 diagnostics (CanInline 2, CannotInline 0, Devirtualized 0, DoesNotEscape 0, EscapesToHeap 0, InliningCall 0, LeakingParam "
              + "0, LeakingParamContent 0, LeakingParamToResult 0, MovedToHeap 2, Other 1, ParamLeaks 0), 0 flow steps, 0 "
                  + "unpositioned lines" },
        { "generated/10mb-line.memstats.jsonl", "memstats",
          "ok: 2 snapshots; 1 line skipped (JSON but not MemStats (no HeapAlloc/NumGC): 1), first at line 2" },
        { "generated/10mb-line.heap.txt", "pprof",
          "ok: 1 samples, 0 locations; top total 264197: " },
        { "generated/10mb-line.asm.txt", "asm",
          "error: {file}: has no \"SYMBOL STEXT\" function headers; expected the output of go build -gcflags=-S" },
        { "generated/10mb-line-escape-json", "escape-json",
          "ok: 1 diagnostics (CanInline 0, CannotInline 0, Devirtualized 0, DoesNotEscape 0, EscapesToHeap 0, InliningCall 0, LeakingParam "
              + "0, LeakingParamContent 0, LeakingParamToResult 0, MovedToHeap 0, Other 1, ParamLeaks 0), 0 flow steps, 0 "
                  + "unpositioned lines" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_bad_input_gets_its_exact_outcome(string file, string loader, string expected)
    {
        using var temp = new TempDirectory();
        var path = Resolve(file, temp.Path);
        Assert.Equal(ArtifactFacts(expected, file, path), BadInputOutcome.Of(loader, path));
    }

    [Fact]
    public void Every_file_in_the_corpus_is_in_the_table()
    {
        var listed = Cases.Select(c => (string)c[0])
            .Concat(HeapDumps.HeapDumpBadInputTests.Cases.Select(c => (string)c[0]))
            .ToHashSet();
        // The scripts, the good dump the damaged ones are cut from (TinyDumpTests reads it) and the suspects' good dump.
        string[] notBadInputs =
            ["make-bad-inputs.py", "make-heapdump-inputs.py", "README.md", "heapdump-tiny.dump", "heapdump-suspects.dump"];
        var files = Directory.EnumerateFileSystemEntries(Folder)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !notBadInputs.Contains(n))
            .Cast<string>();
        Assert.Equal([], files.Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal));
        Assert.Equal([], BigBadInputs.Names.Where(n => !listed.Contains("generated/" + n)));
    }

    /// <summary>
    /// Committed artifacts are regenerated by data/generate.sh, so facts about them are read from the file
    /// rather than written into the table: {first-nul} (offset of the first NUL byte), {lines} (its line
    /// count, of the decompressed text for .gz) and {first-line-60} (its first line, cut at 60 characters as the loader quotes it).
    /// </summary>
    private static string ArtifactFacts(string expected, string file, string path)
    {
        if (!file.StartsWith("artifact/", StringComparison.Ordinal)) return expected;
        var bytes = File.ReadAllBytes(path);
        if (GoMemLab.Inputs.InputFile.IsGzip(bytes)) // the readers see the decompressed text
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes),
                System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }
        var lines = bytes.Count(b => b == (byte)'\n') + (bytes.Length > 0 && bytes[^1] != (byte)'\n' ? 1 : 0);
        var firstLine = System.Text.Encoding.UTF8.GetString(bytes, 0,
            Math.Max(0, Array.IndexOf(bytes, (byte)'\n') is var n and >= 0 ? n : bytes.Length)).TrimEnd('\r');
        return expected
            .Replace("{first-nul}", Array.IndexOf(bytes, (byte)0).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{lines}", lines.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{first-line-60}", firstLine.Length <= 60 ? firstLine : firstLine[..60] + "…");
    }

    internal static string Folder => Path.Combine(RepoPaths.Root, "tests", "GoMemLab.Tests", "BadInputs");

    internal static string Resolve(string file, string temp) =>
        file.StartsWith("generated/", StringComparison.Ordinal) ? BigBadInputs.Create(file["generated/".Length..], temp)
        : file.StartsWith("artifact/", StringComparison.Ordinal) ? RepoPaths.Artifact(file["artifact/".Length..].Split('/'))
        : Path.Combine(Folder, file);
}

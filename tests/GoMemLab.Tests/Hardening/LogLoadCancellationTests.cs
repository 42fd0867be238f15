using System.Text;
using GoMemLab.Escape;
using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// The log readers see a cancel inside their loops, not only before they start: each test gives a log longer
/// than one check interval and cancels once reading is under way.
/// </summary>
public class LogLoadCancellationTests
{
    [Fact]
    public void Escape_text_read_stops_inside_the_line_loop()
    {
        // 918 lines × 80 = 73k lines: past the first check at line 65,536.
        var log = Repeat(File.ReadAllBytes(RepoPaths.Artifact("escape", "leaky-m2.txt")), 80);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => EscapeLog.Parse(log, "leaky-m2 ×80", cancel.Token));
        // Without a cancel the same bytes read in full (a copy's first explanation lines may join the previous copy's last diagnostic).
        var once = EscapeLog.Parse(File.ReadAllBytes(RepoPaths.Artifact("escape", "leaky-m2.txt")), "one").Diagnostics.Count;
        Assert.InRange(EscapeLog.Parse(log, "leaky-m2 ×80").Diagnostics.Count, 79 * once, 80 * once);
    }

    [Fact]
    public void Gctrace_read_stops_at_the_next_buffer_after_a_cancel()
    {
        var lines = File.ReadAllBytes(RepoPaths.Artifact("telemetry", "leaky-gctrace.log"));
        var log = Repeat(lines, (4 << 20) / lines.Length + 1); // several 1 MB buffers
        using var cancel = new CancellationTokenSource();
        var stream = new CancelAfterFirstRead(new MemoryStream(log), cancel);
        Assert.ThrowsAny<OperationCanceledException>(() => GcTrace.Load(stream, "leaky-gctrace ×N", cancel.Token));
        Assert.Equal(1, stream.Reads);
        Assert.True(GcTrace.Load(new MemoryStream(log), "leaky-gctrace ×N").Lines.Count > 0);
    }

    // Only the check before the first file: a cancel between two files would need a hook inside the reader (a FIFO
    // among the files blocks the open, but the reader sizes its buffer from the file's length, which a FIFO has not).
    [Fact]
    public void Escape_json_directory_read_checks_the_token_before_reading_a_file()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => EscapeLog.Load(RepoPaths.Artifact("escape", "leaky-json"), cancel.Token));
    }

    private static byte[] Repeat(byte[] bytes, int times)
    {
        var all = new MemoryStream();
        for (var i = 0; i < times; i++) all.Write(bytes);
        return all.ToArray();
    }

    /// <summary>Cancels the token as soon as the reader has its first buffer.</summary>
    private sealed class CancelAfterFirstRead(Stream inner, CancellationTokenSource cancel) : Stream
    {
        public int Reads { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            var n = inner.Read(buffer, offset, count);
            cancel.Cancel();
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.IO.Compression;
using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// A gzip bomb that is no profile is refused within its first bytes: the loader decodes while it inflates, so it reads
/// a few kilobytes of the compressed input, not all of it. Measured by what was read from the stream and allocated,
/// not by time. (The measurement: a 13 MB gzip of zeros took 7.8 s and 2.1 GB before the size limit refused it.)
/// </summary>
public sealed class BoundedRefusalTests
{
    [Fact]
    public void A_gzip_of_zeros_is_refused_after_its_first_block()
    {
        var bomb = GzipOfZeros(256 << 20); // 256 MB of zeros, about 250 KB compressed
        using var input = new CountingStream(new MemoryStream(bomb, writable: false));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InputFormatException>(() => Profile.Parse(input, "zeros.pb.gz"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("zeros.pb.gz (at byte 0): not a pprof profile (gzipped protobuf) or a legacy heap text profile: it starts with bytes "
            + "0000000000000000",
            e.Message);
        Assert.True(input.BytesRead < bomb.Length / 8, $"read {input.BytesRead:N0} of {bomb.Length:N0} compressed bytes before refusing");
        Assert.True(allocated < 4 << 20, $"allocated {allocated:N0} bytes before refusing");
    }

    [Fact]
    public void A_profile_followed_by_zeros_is_refused_at_the_first_bad_field()
    {
        // A real profile's bytes, then zeros: the zeros are field number 0, which no protobuf has.
        var profile = InputFile.ReadAllBytesMaybeGzip(RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"));
        using var plain = new MemoryStream();
        plain.Write(profile);
        plain.Write(new byte[64 << 20]);
        var bomb = Gzip(plain.ToArray());
        using var input = new CountingStream(new MemoryStream(bomb, writable: false));
        var e = Assert.Throws<InputFormatException>(() => Profile.Parse(input, "tail.pb.gz"));
        Assert.Equal(profile.Length, e.Offset);
        Assert.Contains("invalid protobuf field number 0", e.Message);
        Assert.True(input.BytesRead < bomb.Length / 4, $"read {input.BytesRead:N0} of {bomb.Length:N0} compressed bytes before refusing");
    }

    private static byte[] GzipOfZeros(int length)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var written = 0; written < length; written += zeros.Length) gzip.Write(zeros);
        }
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>A seekable stream that counts the bytes read through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.IO.Compression;
using GoMemLab.Inputs;

namespace GoMemLab.Profiles;

/// <summary>
/// Inflates a gzipped profile as it is read, counting what comes out: past <see cref="InputFile.MaxBytes"/> the read is
/// refused (whatever the trailer claims), and .NET's exceptions about bad data become the file's
/// <see cref="InputFormatException"/>. The caller checks <see cref="Inflated"/> against the trailer at the end, since
/// .NET returns a truncated stream's data without complaint.
/// </summary>
internal sealed class GzipInput(Stream compressed, string name) : Stream
{
    private readonly GZipStream _gzip = new(compressed, CompressionMode.Decompress, leaveOpen: true);

    /// <summary>Bytes inflated so far.</summary>
    public long Inflated { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(name, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
        }
        catch (EndOfStreamException e)
        {
            throw new InputFormatException(name, "gzip data is truncated", inner: e);
        }
        Inflated += read;
        var limit = InputFile.MaxBytes;
        if (Inflated > limit)
            throw new InputFormatException(name, $"decompresses to over {limit:N0} bytes; set GOMEMLAB_MAX_INPUT_BYTES to raise the limit");
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Inflated; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}

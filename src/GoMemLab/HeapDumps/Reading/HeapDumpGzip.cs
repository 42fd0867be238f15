using System.IO.Compression;
using GoMemLab.Inputs;

namespace GoMemLab.HeapDumps.Reading;

/// <summary>
/// Gzipped dumps (`curl …/debug/heapdump | gzip`, the committed artifacts): the reader needs a file it can read back by
/// offset, so the dump is decompressed to a temporary file, read, and the file removed. Errors name the .gz file;
/// their offsets are in the decompressed data.
/// </summary>
internal static class HeapDumpGzip
{
    public static bool IsGzip(string path)
    {
        using var file = InputFile.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        return file.Read(head) == 2 && InputFile.IsGzip(head);
    }

    public static HeapDump Load(string path, Func<string, HeapDump> load, CancellationToken cancel) =>
        WithDecompressed(path, temp => load(temp).WithSource(path), cancel);

    /// <summary>Runs <paramref name="use"/> on a decompressed temporary copy of <paramref name="path"/>, errors renamed to the .gz
    /// file.</summary>
    public static T WithDecompressed<T>(string path, Func<string, T> use, CancellationToken cancel)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"gomemlab-heapdump-{Guid.NewGuid():N}");
        try
        {
            using (var input = InputFile.OpenRead(path))
            using (var gzip = new GZipStream(input, CompressionMode.Decompress))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var buffer = new byte[1 << 20];
                long total = 0;
                int read;
                while ((read = gzip.Read(buffer)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    total += read;
                    if (total > InputFile.MaxBytes)
                        throw new InputFormatException(path,
                            $"decompresses to over {InputFile.MaxBytes:N0} bytes; set GOMEMLAB_MAX_INPUT_BYTES to raise the limit");
                    output.Write(buffer, 0, read);
                }
            }
            try
            {
                return use(temp);
            }
            catch (InputFormatException e) when (e.File == temp)
            {
                throw new InputFormatException(path, e.Problem + (e.Offset is null ? "" : " (offset in the decompressed dump)"), e.Offset,
                    e.Line, e);
            }
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(path, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

using System.IO.Compression;

namespace GoMemLab.Inputs;

/// <summary>
/// Opens user files for reading only. GoMemLab never writes, moves or locks what it is given:
/// files are opened read-only with sharing for read, write and delete, so a program still writing
/// its log is not disturbed.
/// </summary>
public static class InputFile
{
    /// <summary>Default refusal threshold for a single input, raised with GOMEMLAB_MAX_INPUT_BYTES.</summary>
    public const long DefaultMaxBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>The size limit in force: GOMEMLAB_MAX_INPUT_BYTES when set to a positive integer, else
    /// <see cref="DefaultMaxBytes"/>.</summary>
    public static long MaxBytes =>
        long.TryParse(System.Environment.GetEnvironmentVariable("GOMEMLAB_MAX_INPUT_BYTES"), out var v) && v > 0 ? v : DefaultMaxBytes;

    /// <summary>Default refusal threshold for the samples of one profile, raised with GOMEMLAB_MAX_SAMPLES.</summary>
    /// <remarks>A sample costs about 40 bytes in memory before its stack; 50M samples is about 2 GB, far past
    /// the largest real heap profiles (about 1.3M samples), so only runaway or hostile input reaches it.</remarks>
    public const long DefaultMaxSamples = 50_000_000;

    /// <summary>The sample-count limit in force: GOMEMLAB_MAX_SAMPLES when set to a positive integer, else
    /// <see cref="DefaultMaxSamples"/>.</summary>
    public static long MaxSamples =>
        long.TryParse(System.Environment.GetEnvironmentVariable("GOMEMLAB_MAX_SAMPLES"), out var v) && v > 0 ? v : DefaultMaxSamples;

    /// <summary>
    /// Opens <paramref name="path"/> for sequential reading. Throws <see cref="InputFormatException"/>
    /// when the path is missing, is a directory, or is larger than <see cref="MaxBytes"/>.
    /// </summary>
    public static FileStream OpenRead(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new InputFormatException("(no path)", "no file name was given");
        if (Directory.Exists(path))
            throw new InputFormatException(path, "is a directory, expected a file");
        if (!File.Exists(path))
            throw new InputFormatException(path, "no such file");
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
            throw new InputFormatException(path,
                $"is {info.Length:N0} bytes, over the {MaxBytes:N0}-byte limit; set GOMEMLAB_MAX_INPUT_BYTES to raise it");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputFormatException(path, "cannot be read: permission denied", inner: e);
        }
        catch (IOException e)
        {
            throw new InputFormatException(path, $"cannot be read: {e.Message}", inner: e);
        }
    }

    /// <summary>Reads the whole file, transparently gunzipping it when it starts with the gzip magic bytes.</summary>
    public static byte[] ReadAllBytesMaybeGzip(string path)
    {
        using var file = OpenRead(path);
        var raw = new byte[file.Length];
        file.ReadExactly(raw);
        return IsGzip(raw) ? Gunzip(path, raw) : raw;
    }

    /// <summary>
    /// Reads a saved compiler log (<c>go build -gcflags=FLAG</c>, gzip allowed) and refuses an empty one: the compiler
    /// prints -m diagnostics and -S listings on stderr, so an empty file is nearly always stdout redirected.
    /// </summary>
    public static byte[] ReadCompilerOutput(string path, string gcflag)
    {
        var bytes = ReadAllBytesMaybeGzip(path);
        if (bytes.Length == 0)
            throw new InputFormatException(path, $"is empty, expected go build -gcflags={gcflag} output ({CompilerOutputHint(gcflag)})");
        return bytes;
    }

    /// <summary>The usual cause of an empty compiler log, in words: "the compiler prints it on stderr: go build -gcflags=FLAG 2>
    /// FILE".</summary>
    public static string CompilerOutputHint(string gcflag) => $"the compiler prints it on stderr: go build -gcflags={gcflag} 2> FILE";

    /// <summary>True when the bytes start with the gzip magic 1f 8b.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>Decompresses gzip data (several members are allowed, as gzip itself allows), naming the file in any error.</summary>
    public static byte[] Gunzip(string name, byte[] compressed)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            // pprof profiles compress about 2-6x; start there to avoid regrowing.
            using var output = new MemoryStream(capacity: (int)Math.Min(int.MaxValue / 2, (long)compressed.Length * 4));
            gzip.CopyTo(output);
            if (output.Length > MaxBytes)
                throw new InputFormatException(name,
                    $"decompresses to {output.Length:N0} bytes, over the {MaxBytes:N0}-byte limit; set "
                        + "GOMEMLAB_MAX_INPUT_BYTES to raise it");
            return output.GetBuffer().AsSpan(0, (int)output.Length).ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(name, $"is not valid gzip data ({e.Message.TrimEnd('.')})", inner: e);
        }
        catch (EndOfStreamException e)
        {
            throw new InputFormatException(name, "gzip data is truncated", inner: e);
        }
    }

    /// <summary>
    /// The files a path names: the path itself, or every file matching a '*' / '?' pattern in its file-name part
    /// (e.g. "out/heap-*.pb.gz"), in ordinal name order. Empty when nothing matches or the folder is missing.
    /// </summary>
    public static IReadOnlyList<string> Matching(string pathOrPattern)
    {
        var name = Path.GetFileName(pathOrPattern);
        if (name.IndexOfAny(['*', '?']) < 0) return File.Exists(pathOrPattern) ? [pathOrPattern] : [];
        var dir = Path.GetDirectoryName(pathOrPattern) is { Length: > 0 } d ? d : ".";
        return Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToArray() : [];
    }
}

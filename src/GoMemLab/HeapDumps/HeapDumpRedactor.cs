using GoMemLab.HeapDumps.Reading;
using GoMemLab.Inputs;

namespace GoMemLab.HeapDumps;

/// <summary>
/// Writes a copy of a heap dump that is safe to share: a dump holds the program's memory (tokens, passwords, user
/// data), so every byte of object contents, stack frames and the data/bss segments that is not a pointer word is
/// zeroed. Pointer words, the record structure, names of functions, types and files, and the runtime's statistics are
/// kept: every analysis of the copy equals that of the original, since analyses read pointers only. In stack frames,
/// words whose value lies in the heap arenas are kept too: the reader follows pointers to address-taken stack
/// variables (whose layout the dump does not give) by reading such words.
/// </summary>
public static class HeapDumpRedactor
{
    /// <summary>
    /// Redacts <paramref name="input"/> into <paramref name="output"/> (which must not exist: nothing is overwritten)
    /// and returns a one-line summary (a gzipped input gives an uncompressed output). The input is validated as it is read; on any error
    /// the partial output is removed
    /// and the <see cref="InputFormatException"/> names the input and the offset.
    /// </summary>
    public static string Redact(string input, string output, CancellationToken cancel = default)
    {
        if (File.Exists(output) || Directory.Exists(output))
            throw new ArgumentException($"{output} exists; give a new file name (redact never overwrites)");
        // A gzipped dump is redacted from a decompressed copy; the output is not compressed.
        if (HeapDumpGzip.IsGzip(input)) return HeapDumpGzip.WithDecompressed(input, plain => RedactPlain(plain, output, cancel), cancel);
        return RedactPlain(input, output, cancel);
    }

    private static string RedactPlain(string input, string output, CancellationToken cancel)
    {
        using var source = new DumpInput(input);
        long zeroed = 0, keptBytes = 0, copied = 0;
        var ok = false;
        var target = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        try
        {
            var buffer = new byte[1 << 20];
            using var original = File.OpenHandle(input, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            void CopyUpTo(long end)
            {
                while (copied < end)
                {
                    var n = RandomAccess.Read(original, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - copied)), copied);
                    if (n == 0) throw new InputFormatException(input, "the dump changed while it was being redacted", copied);
                    target.Write(buffer, 0, n);
                    copied += n;
                }
            }
            var builder = new HeapDumpBuilder { Discard = true };
            var kept = new List<long>();
            var reader = new HeapDumpReader(source, builder, null, cancel)
            {
                OnContents = (record, offset, length, fieldOffsets, size) =>
                {
                    CopyUpTo(offset);
                    var pointers = fieldOffsets;
                    if (record == Reading.DumpRecordTag.StackFrame && builder.Parameters is { } parameters)
                    {
                        pointers = ArenaWords(source, offset, length, fieldOffsets, size, parameters, kept);
                    }
                    // Pointer words are copied from the source; everything between them is written as zeros.
                    long at = 0;
                    Span<byte> word = stackalloc byte[8];
                    foreach (var p in pointers)
                    {
                        if (p < at) continue; // an old-style interface field repeats a word
                        WriteZeros(target, p - at);
                        zeroed += p - at;
                        source.ReadAt(offset + p, word[..size]);
                        target.Write(word[..size]);
                        keptBytes += size;
                        at = p + size;
                    }
                    WriteZeros(target, length - at);
                    zeroed += length - at;
                    copied = offset + length;
                },
            };
            reader.Read();
            CopyUpTo(source.Length);
            ok = true;
        }
        finally
        {
            target.Dispose();
            if (!ok) File.Delete(output);
        }
        return $"{zeroed:N0} bytes of contents zeroed, {keptBytes:N0} bytes of pointers kept";
    }

    // The frame's pointer fields and every aligned word whose value lies in the heap arenas, ascending.
    private static ReadOnlySpan<long> ArenaWords(DumpInput source, long offset, long length, ReadOnlySpan<long> fields, int size,
        Model.DumpParameters parameters, List<long> kept)
    {
        kept.Clear();
        var bytes = source.Pinned(offset, length);
        var f = 0;
        for (long at = 0; at + size <= length; at += size)
        {
            while (f < fields.Length && fields[f] < at) kept.Add(fields[f++]);
            if (f < fields.Length && fields[f] == at)
            {
                kept.Add(fields[f++]);
                continue;
            }
            if (bytes.IsEmpty) continue;
            var word = bytes.Slice((int)at, size);
            ulong value = size == 8
                ? (parameters.BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(word)
                : System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(word))
                : (parameters.BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(word)
                : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(word));
            if (value >= parameters.ArenaStart && value < parameters.ArenaEnd) kept.Add(at);
        }
        while (f < fields.Length) kept.Add(fields[f++]);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept);
    }

    private static readonly byte[] Zeros = new byte[1 << 16];

    private static void WriteZeros(Stream target, long count)
    {
        while (count > 0)
        {
            var n = (int)Math.Min(count, Zeros.Length);
            target.Write(Zeros, 0, n);
            count -= n;
        }
    }
}

using System.Text;
using GoMemLab.Inputs;

namespace GoMemLab.Profiles.Protobuf;

/// <summary>
/// Decodes a pprof protobuf straight into a <see cref="Profile"/>'s columns, one top-level field at a time as
/// <see cref="FieldStream"/> reads (and inflates) it: no message object per sample, and never the whole message in
/// memory. Strings, mappings, functions and locations are small and kept as records until the string table
/// (which Go writes last) is known; samples go into the columns as read.
/// </summary>
internal static class ProtobufProfileReader
{
    private readonly record struct RawValueType(long Type, long Unit);
    private readonly record struct RawFunction(ulong Id, long Name, long SystemName, long FileName, long StartLine);
    private record struct RawMapping(ulong Id, ulong Start, ulong Limit, ulong Offset, long File, long BuildId,
        bool HasFunctions, bool HasFilenames, bool HasLineNumbers, bool HasInlineFrames);

    // A cancel is seen within this much input: about 20k samples, a millisecond of decoding.
    private const int CancelCheckBytes = 1 << 20;

    /// <summary>
    /// Decodes every field of <paramref name="fields"/>. <paramref name="sizeHint"/> (the decoded size, when known)
    /// pre-sizes the columns once the first sample shows the input is a profile (so that what is none allocates
    /// nothing for it); <paramref name="position"/> says how far through its input the load is, for progress.
    /// </summary>
    public static Profile Read(FieldStream fields, string file, long sizeHint, Func<(long Done, long Total)> position,
        IProgress<LoadProgress>? progress = null, CancellationToken cancel = default)
    {
        var builder = new ProfileBuilder(file) { Format = ProfileFormat.Protobuf };
        var reserved = false;
        var strings = new List<string>();
        var sampleTypes = new List<RawValueType>();
        var mappings = new List<RawMapping>();
        var functions = new List<RawFunction>();
        var comments = new List<long>();
        RawValueType? periodType = null;
        long dropFrames = 0, keepFrames = 0, defaultSampleType = 0, docUrl = 0;

        var step = Math.Max(1, position().Total / 20);
        long nextReport = step, nextCancelCheck = CancelCheckBytes;
        while (fields.Next(out var reader))
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: Expect(ref reader, wire, "sample_type"); sampleTypes.Add(ReadValueType(reader.ReadMessage())); break;
                case 2:
                    Expect(ref reader, wire, "sample");
                    if (!reserved)
                    {
                        // Go heap profiles take about 3 bytes per stack frame and 45 per sample; a location id is at least one byte.
                        var bytes = (int)Math.Clamp(sizeHint, 0, Math.Min(InputFile.MaxBytes, Array.MaxLength));
                        builder.ReserveSamples(bytes / 24, bytes / 2, bytes / 6);
                        reserved = true;
                    }
                    ReadSample(reader.ReadMessage(), builder);
                    break;
                case 3: Expect(ref reader, wire, "mapping"); mappings.Add(ReadMapping(reader.ReadMessage())); break;
                case 4: Expect(ref reader, wire, "location"); ReadLocation(reader.ReadMessage(), builder); break;
                case 5: Expect(ref reader, wire, "function"); functions.Add(ReadFunction(reader.ReadMessage())); break;
                case 6: Expect(ref reader, wire, "string_table"); strings.Add(DecodeString(reader.ReadBytes(out _))); break;
                case 7: dropFrames = ReadScalar(ref reader, wire); break;
                case 8: keepFrames = ReadScalar(ref reader, wire); break;
                case 9: builder.TimeNanos = ReadScalar(ref reader, wire); break;
                case 10: builder.DurationNanos = ReadScalar(ref reader, wire); break;
                case 11: Expect(ref reader, wire, "period_type"); periodType = ReadValueType(reader.ReadMessage()); break;
                case 12: builder.Period = ReadScalar(ref reader, wire); break;
                case 13:
                    if (wire == WireReader.Varint) comments.Add(reader.ReadInt64());
                    else
                    {
                        Expect(ref reader, wire, "comment");
                        var packed = reader.ReadMessage();
                        while (!packed.AtEnd) comments.Add(packed.ReadInt64());
                    }
                    break;
                case 14: defaultSampleType = ReadScalar(ref reader, wire); break;
                case 15: docUrl = ReadScalar(ref reader, wire); break;
                default: reader.Skip(wire); break;
            }
            if (progress is not null && position() is var (done, total) && done >= nextReport)
            {
                progress.Report(new LoadProgress("decoding", done, total, builder.SampleCount));
                nextReport = done + step;
            }
            if (fields.Offset >= nextCancelCheck)
            {
                cancel.ThrowIfCancellationRequested();
                nextCancelCheck = fields.Offset + CancelCheckBytes;
            }
        }
        cancel.ThrowIfCancellationRequested();

        var table = new StringTable(strings, file);
        foreach (var t in sampleTypes) builder.SampleTypes.Add(new ProfileValueType(table.Get(t.Type, "sample_type.type"),
            table.Get(t.Unit, "sample_type.unit")));
        if (periodType is { } p) builder.PeriodType = new ProfileValueType(table.Get(p.Type, "period_type.type"),
            table.Get(p.Unit, "period_type.unit"));
        builder.DropFrames = table.Get(dropFrames, "drop_frames");
        builder.KeepFrames = table.Get(keepFrames, "keep_frames");
        builder.DefaultSampleType = table.Get(defaultSampleType, "default_sample_type");
        builder.DocUrl = table.Get(docUrl, "doc_url");
        foreach (var c in comments) builder.Comments.Add(table.Get(c, "comment"));
        foreach (var m in mappings)
            builder.AddMapping(new ProfileMapping(m.Id, m.Start, m.Limit, m.Offset, table.Get(m.File, $"mapping id {m.Id} filename"),
                table.Get(m.BuildId, $"mapping id {m.Id} build_id"), m.HasFunctions, m.HasFilenames, m.HasLineNumbers, m.HasInlineFrames));
        foreach (var f in functions)
            builder.AddFunction(f.Id, table.Get(f.Name, $"function id {f.Id} name"),
                table.Get(f.SystemName, $"function id {f.Id} system_name"),
                table.Get(f.FileName, $"function id {f.Id} filename"), f.StartLine);
        // Labels keep their string-table indexes; check them all once.
        foreach (var l in builder.SampleLabels.Span)
        {
            table.Get(l.Key, "label key");
            table.Get(l.Text, "label str");
            table.Get(l.Unit, "label num_unit");
        }
        builder.LabelStrings = table.Strings;
        var (_, length) = position();
        progress?.Report(new LoadProgress("indexing", length, length, builder.SampleCount));
        return builder.Build();
    }

    private static void ReadSample(WireReader sample, ProfileBuilder builder)
    {
        builder.BeginSample();
        var labels = builder.SampleLabels;
        var refs = builder.SampleLocationRefs;
        var values = builder.SampleValues;
        while (!sample.AtEnd)
        {
            var (field, wire) = sample.ReadTag();
            switch (field)
            {
                case 1 when wire == WireReader.LengthDelimited: sample.ReadPackedIds(refs, builder); break;
                case 1:
                    Expect(ref sample, wire, "sample.location_id",
                    WireReader.Varint); builder.AddSampleLocation(sample.ReadVarint()); break;
                case 2 when wire == WireReader.LengthDelimited: sample.ReadPackedInt64s(values); break;
                case 2: Expect(ref sample, wire, "sample.value", WireReader.Varint); values.Add(sample.ReadInt64()); break;
                case 3: Expect(ref sample, wire, "sample.label"); labels.Add(ReadLabel(sample.ReadMessage())); break;
                default: sample.Skip(wire); break;
            }
        }
    }

    private static RawLabel ReadLabel(WireReader label)
    {
        long key = 0, text = 0, number = 0, unit = 0;
        while (!label.AtEnd)
        {
            var (field, wire) = label.ReadTag();
            switch (field)
            {
                case 1: key = ReadScalar(ref label, wire); break;
                case 2: text = ReadScalar(ref label, wire); break;
                case 3: number = ReadScalar(ref label, wire); break;
                case 4: unit = ReadScalar(ref label, wire); break;
                default: label.Skip(wire); break;
            }
        }
        // Indexes beyond int range cannot be valid; map them to -1 so the string-table check reports them.
        return new RawLabel(ToIndex(key), ToIndex(text), number, ToIndex(unit));
    }

    private static void ReadLocation(WireReader location, ProfileBuilder builder)
    {
        ulong id = 0, mappingId = 0, address = 0;
        var folded = false;
        // Lines may precede the id on the wire; collect them first.
        Span<(ulong, long, long)> small = stackalloc (ulong, long, long)[8];
        var lines = new List<(ulong, long, long)>();
        var count = 0;
        while (!location.AtEnd)
        {
            var (field, wire) = location.ReadTag();
            switch (field)
            {
                case 1: id = ReadUnsigned(ref location, wire); break;
                case 2: mappingId = ReadUnsigned(ref location, wire); break;
                case 3: address = ReadUnsigned(ref location, wire); break;
                case 4:
                    Expect(ref location, wire, "location.line");
                    var line = ReadLine(location.ReadMessage());
                    if (count < small.Length) small[count] = line; else lines.Add(line);
                    count++;
                    break;
                case 5: folded = ReadScalar(ref location, wire) != 0; break;
                default: location.Skip(wire); break;
            }
        }
        builder.BeginLocation(id, mappingId, address, folded);
        for (var k = 0; k < count; k++)
        {
            var (function, number, column) = k < small.Length ? small[k] : lines[k - small.Length];
            builder.AddLine(function, number, column);
        }
    }

    private static (ulong, long, long) ReadLine(WireReader line)
    {
        ulong function = 0;
        long number = 0, column = 0;
        while (!line.AtEnd)
        {
            var (field, wire) = line.ReadTag();
            switch (field)
            {
                case 1: function = ReadUnsigned(ref line, wire); break;
                case 2: number = ReadScalar(ref line, wire); break;
                case 3: column = ReadScalar(ref line, wire); break;
                default: line.Skip(wire); break;
            }
        }
        return (function, number, column);
    }

    private static RawFunction ReadFunction(WireReader function)
    {
        ulong id = 0;
        long name = 0, systemName = 0, fileName = 0, startLine = 0;
        while (!function.AtEnd)
        {
            var (field, wire) = function.ReadTag();
            switch (field)
            {
                case 1: id = ReadUnsigned(ref function, wire); break;
                case 2: name = ReadScalar(ref function, wire); break;
                case 3: systemName = ReadScalar(ref function, wire); break;
                case 4: fileName = ReadScalar(ref function, wire); break;
                case 5: startLine = ReadScalar(ref function, wire); break;
                default: function.Skip(wire); break;
            }
        }
        return new RawFunction(id, name, systemName, fileName, startLine);
    }

    private static RawMapping ReadMapping(WireReader mapping)
    {
        var m = new RawMapping();
        while (!mapping.AtEnd)
        {
            var (field, wire) = mapping.ReadTag();
            switch (field)
            {
                case 1: m.Id = ReadUnsigned(ref mapping, wire); break;
                case 2: m.Start = ReadUnsigned(ref mapping, wire); break;
                case 3: m.Limit = ReadUnsigned(ref mapping, wire); break;
                case 4: m.Offset = ReadUnsigned(ref mapping, wire); break;
                case 5: m.File = ReadScalar(ref mapping, wire); break;
                case 6: m.BuildId = ReadScalar(ref mapping, wire); break;
                case 7: m.HasFunctions = ReadScalar(ref mapping, wire) != 0; break;
                case 8: m.HasFilenames = ReadScalar(ref mapping, wire) != 0; break;
                case 9: m.HasLineNumbers = ReadScalar(ref mapping, wire) != 0; break;
                case 10: m.HasInlineFrames = ReadScalar(ref mapping, wire) != 0; break;
                default: mapping.Skip(wire); break;
            }
        }
        return m;
    }

    private static RawValueType ReadValueType(WireReader valueType)
    {
        long type = 0, unit = 0;
        while (!valueType.AtEnd)
        {
            var (field, wire) = valueType.ReadTag();
            switch (field)
            {
                case 1: type = ReadScalar(ref valueType, wire); break;
                case 2: unit = ReadScalar(ref valueType, wire); break;
                default: valueType.Skip(wire); break;
            }
        }
        return new RawValueType(type, unit);
    }

    private static long ReadScalar(ref WireReader reader, int wire)
    {
        reader.ExpectWireType(wire, WireReader.Varint, "an integer field");
        return reader.ReadInt64();
    }

    private static int ToIndex(long index) => index is >= 0 and <= int.MaxValue ? (int)index : -1;

    private static ulong ReadUnsigned(ref WireReader reader, int wire)
    {
        reader.ExpectWireType(wire, WireReader.Varint, "an integer field");
        return reader.ReadVarint();
    }

    private static void Expect(ref WireReader reader, int wire, string what, int expected = WireReader.LengthDelimited) =>
        reader.ExpectWireType(wire, expected, what);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static string DecodeString(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : Utf8.GetString(bytes);

    /// <summary>The string table with range-checked lookups; an absent table behaves as the single empty string.</summary>
    private sealed class StringTable
    {
        private readonly List<string> _strings;

        public List<string> Strings => _strings;
        private readonly string _file;

        public StringTable(List<string> strings, string file)
        {
            _file = file;
            if (strings.Count > 0 && strings[0].Length != 0)
                throw new InputFormatException(file,
                    $"malformed profile: the first string-table entry must be empty, found \"{Shorten(strings[0])}\"");
            _strings = strings.Count == 0 ? [""] : strings;
        }

        public string Get(long index, string what)
        {
            if (index < 0 || index >= _strings.Count)
                throw new InputFormatException(_file,
                    $"malformed profile: string index {index} of {what} is out of range (the string table has {_strings.Count} entries)");
            return _strings[(int)index];
        }

        private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }
}

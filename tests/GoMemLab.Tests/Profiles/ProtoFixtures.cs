using System.IO.Compression;
using Google.Protobuf;
using Proto = GoMemLab.Profiles.Proto;

namespace GoMemLab.Tests.Profiles;

/// <summary>Small profiles written with the generated protobuf types, for round-trip and bad-input tests.</summary>
public static class ProtoFixtures
{
    /// <summary>
    /// A two-sample heap-like profile: main.main → main.work → (inlined) main.alloc; strings
    /// 0 "", 1 alloc_space, 2 bytes, 3 inuse_space, 4 main.main, 5 main.work, 6 main.alloc, 7 /src/x/main.go,
    /// 8 /src/x/x, 9 bytes (label key), 10 comment one, 11 doc url, 12 runtime\..*.
    /// </summary>
    public static Proto.Profile Small()
    {
        var p = new Proto.Profile
        {
            StringTable = { "", "alloc_space", "bytes", "inuse_space", "main.main", "main.work", "main.alloc", "/src/x/main.go", "/src/x/x",
                "bytes", "comment one", "https://example.com/doc", @"runtime\..*" },
            PeriodType = new Proto.ValueType { Type = 1, Unit = 2 },
            Period = 524288,
            TimeNanos = 1_700_000_000_123_456_789,
            DurationNanos = 5_000_000_000,
            Comment = { 10 },
            DefaultSampleType = 1,
            DocUrl = 11,
            DropFrames = 12,
        };
        p.SampleType.Add(new Proto.ValueType { Type = 1, Unit = 2 });
        p.SampleType.Add(new Proto.ValueType { Type = 3, Unit = 2 });
        p.Mapping.Add(new Proto.Mapping
        {
            Id = 1,
            MemoryStart = 0x400000,
            MemoryLimit = 0x500000,
            Filename = 8,
            HasFunctions = true,
            HasFilenames = true,
            HasLineNumbers = true,
            HasInlineFrames = true,
        });
        p.Function.Add(new Proto.Function { Id = 1, Name = 4, SystemName = 4, Filename = 7, StartLine = 10 });
        p.Function.Add(new Proto.Function { Id = 2, Name = 5, SystemName = 5, Filename = 7, StartLine = 20 });
        p.Function.Add(new Proto.Function { Id = 3, Name = 6, SystemName = 6, Filename = 7, StartLine = 30 });
        p.Location.Add(new Proto.Location
        {
            Id = 1,
            MappingId = 1,
            Address = 0x401000,
            Line = { new Proto.Line { FunctionId = 1, Line_ = 12 } },
        });
        p.Location.Add(new Proto.Location
        {
            Id = 2, MappingId = 1, Address = 0x402000,
            Line = { new Proto.Line { FunctionId = 3, Line_ = 31, Column = 7 }, new Proto.Line { FunctionId = 2, Line_ = 22 } },
        });
        p.Sample.Add(new Proto.Sample { LocationId = { 2, 1 }, Value = { 1000, 400 }, Label = { new Proto.Label { Key = 9, Num = 64 } } });
        p.Sample.Add(new Proto.Sample { LocationId = { 1 }, Value = { 300, 0 } });
        return p;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    public static byte[] Bytes(this Proto.Profile p) => p.ToByteArray();
}

using System.IO.Compression;
using Google.Protobuf;
using Proto = GoMemLab.Profiles.Proto;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// A big, valid profile made from a real small one: protobuf merges concatenated messages by appending their
/// repeated fields, so appending the samples' encoded fields again and again gives the same profile with every
/// sample repeated (same locations, same strings). Used where a test needs a load that takes a while.
/// </summary>
public static class InflatedProfile
{
    /// <summary>Writes <paramref name="source"/> (gzipped pprof) uncompressed to <paramref name="destination"/>, grown to at least
    /// <paramref name="minBytes"/>.</summary>
    public static long Write(string source, string destination, long minBytes)
    {
        using var gzip = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        var profile = Proto.Profile.Parser.ParseFrom(gzip);
        var samples = new MemoryStream();
        var output = new CodedOutputStream(samples);
        foreach (var sample in profile.Sample)
        {
            output.WriteTag(Proto.Profile.SampleFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(sample);
        }
        output.Flush();
        var block = samples.ToArray();
        using var file = File.Create(destination);
        file.Write(profile.ToByteArray());
        long copies = 1;
        while (file.Length < minBytes)
        {
            file.Write(block);
            copies++;
        }
        return copies * profile.Sample.Count;
    }
}

#:project ../src/GoMemLab/GoMemLab.csproj
// Benchmark: a cancelled load of a big profile stops promptly and frees what it allocated.
//   dotnet run bench/cancelled-load.cs -- [MEGABYTES]        (default 400: 15.5M samples)
// Makes the profile from data/artifacts/heap/leaky-heap-4.pb.gz (protobuf appends the repeated fields of
// concatenated messages, so appending its encoded samples again and again repeats every sample), cancels the
// load at 25% of decoding, and prints the delay to the stop and the managed heap before and after a full GC;
// then loads the file in full for comparison.
using System.Diagnostics;
using System.IO.Compression;
using Google.Protobuf;
using GoMemLab.Inputs;
using GoMemLab.Profiles;

var megabytes = args.Length > 0 ? int.Parse(args[0]) : 400;
var root = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", ".."));
var path = Path.Combine(Path.GetTempPath(), $"gomemlab-cancelled-load-{megabytes}mb.pb");
try
{
    Inflate(Path.Combine(root, "data", "artifacts", "heap", "leaky-heap-4.pb.gz"), path, (long)megabytes << 20);
    Console.WriteLine($"input: {new FileInfo(path).Length / 1e6:F0} MB");
    var before = GC.GetTotalMemory(forceFullCollection: true);
    using var cancel = new CancellationTokenSource();
    var clock = Stopwatch.StartNew();
    double cancelledAt = 0;
    var progress = new InlineProgress<LoadProgress>(p =>
    {
        if (p.Stage == "decoding" && p.Fraction >= 0.25 && !cancel.IsCancellationRequested)
        {
            cancelledAt = clock.Elapsed.TotalMilliseconds;
            cancel.Cancel();
        }
    });
    try
    {
        Profile.Load(path, progress, cancel.Token);
        Console.WriteLine("the load finished: it was not cancelled");
        return 1;
    }
    catch (OperationCanceledException)
    {
        Console.Write($"cancelled at {cancelledAt:F0} ms, stopped {clock.Elapsed.TotalMilliseconds - cancelledAt:F1} ms later; ");
    }
    Console.WriteLine($"managed heap {before / 1e6:F1} MB before, {GC.GetTotalMemory(forceFullCollection: true) / 1e6:F1} MB after "
        + "the cancelled load");
    clock.Restart();
    var full = Profile.Load(path);
    Console.WriteLine($"full load: {clock.ElapsedMilliseconds} ms, {full.Samples.Count:N0} samples, managed heap "
        + $"{GC.GetTotalMemory(true) / 1e6:F0} MB while held");
    return 0;
}
finally
{
    File.Delete(path);
}

static void Inflate(string source, string destination, long minBytes)
{
    using var gzip = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
    var data = new MemoryStream();
    gzip.CopyTo(data);
    var bytes = data.ToArray();
    var samples = new MemoryStream();
    var input = new CodedInputStream(bytes);
    while (true)
    {
        var start = (int)input.Position;
        var tag = input.ReadTag();
        if (tag == 0) break;
        input.SkipLastField();
        if (WireFormat.GetTagFieldNumber(tag) == 2) samples.Write(bytes, start, (int)input.Position - start);
    }
    using var output = File.Create(destination);
    output.Write(bytes);
    var block = samples.ToArray();
    while (output.Length < minBytes) output.Write(block);
}

using GoMemLab.Fuzz;
using SharpFuzz;

// Usage:
//   GoMemLab.Fuzz TARGET                 under afl-fuzz (scripts/fuzz.sh): SharpFuzz's forkserver loop
//   GoMemLab.Fuzz TARGET --replay PATH…  runs the target on files/directories in-process and reports each
//                                        (reproduce a crash from findings/default/crashes)
if (args.Length == 0 || !FuzzTargets.All.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: GoMemLab.Fuzz TARGET [--replay PATH…]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}
var target = args[0];
if (args.Length > 1 && args[1] == "--replay")
{
    var failures = 0;
    var files = args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*",
        SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "README.txt") : [p]);
    foreach (var file in files.Order(StringComparer.Ordinal))
    {
        try
        {
            var refused = FuzzRunner.Run(target, File.ReadAllBytes(file));
            Console.WriteLine($"{file}: {(refused is null ? "accepted" : "refused: " + refused.Problem)}");
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{file}: CRASH {e}");
        }
    }
    return failures == 0 ? 0 : 1;
}
// FUZZ_SLOW_DIR (set by scripts/fuzz.sh): where an input still running after FUZZ_SLOW_MS is saved.
var slowDirectory = Environment.GetEnvironmentVariable("FUZZ_SLOW_DIR");
using var watchdog = slowDirectory is null ? null
    : new HangWatchdog(slowDirectory, TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SLOW_MS"), out var ms)
        ? ms : 1000));
Fuzzer.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    var input = copy.ToArray();
    watchdog?.Started(input);
    FuzzRunner.Run(target, input);
    watchdog?.Finished();
});
return 0;

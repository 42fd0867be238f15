using System.Text;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// The bad inputs too big to commit, written on demand into a test's temporary folder: each is a few valid
/// lines of its format around one line of 10 MB (a log of binary junk pasted in, a minified JSON blob, a
/// runaway print), which must cost linear time and memory and get the same treatment as any other bad line.
/// </summary>
public static class BigBadInputs
{
    public const int LineBytes = 10 * 1024 * 1024;

    private const string GcLine =
        "gc 1 @0.041s 0%: 0.21+5.0+0.049 ms clock, 0.43+0/0.30/4.5+0.098 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P\n";

    private const string EscapeLines = "# example.com/leaky\n./main.go:10:6: can inline leak\n./main.go:12:2: moved to heap: x\n";

    private const string MemStatsLine =
        "{\"unix_nano\":1795628886000000000,\"Alloc\":1000,\"TotalAlloc\":2000,\"HeapAlloc\":1000,\"NumGC\":1}\n";

    /// <summary>Names the table may use (as "generated/NAME").</summary>
    public static readonly IReadOnlyList<string> Names =
        ["10mb-line.gctrace.log", "10mb-line.escape.txt", "10mb-gc-prefixed-line.gctrace.log", "10mb-line.memstats.jsonl",
         "10mb-line.heap.txt", "10mb-line.asm.txt", "10mb-line-escape-json"];

    /// <summary>Writes <paramref name="name"/> under <paramref name="directory"/> and returns its path.</summary>
    public static string Create(string name, string directory)
    {
        var path = Path.Combine(directory, name);
        switch (name)
        {
            case "10mb-line.gctrace.log": Write(path, GcLine + GcLine, Repeat('x'), GcLine); break;
            // A line that starts like a gc line and never ends: the parser must give up in one pass.
            case "10mb-gc-prefixed-line.gctrace.log": Write(path, GcLine, "gc 2 @0.1s 1%: " + Repeat('9'), GcLine); break;
            case "10mb-line.escape.txt": Write(path, EscapeLines, "./main.go:13:2: " + Repeat('y'), EscapeLines); break;
            case "10mb-line.memstats.jsonl":
                Write(path, MemStatsLine, "{\"Alloc\":1,\"note\":\"" + Repeat('z') + "\"}",
                MemStatsLine); break;
            case "10mb-line.heap.txt":
                Write(path, "heap profile: 1: 4096 [2: 8192] @ heap/524288\n", "1: 4096 [2: 8192] @ " + Repeat('0'), ""); break;
            case "10mb-line.asm.txt":
                Write(path, "# example.com/leaky\n", "\t0x0000 00000 (/src/main.go:25)\tCALL\t" + Repeat('r'),
                ""); break;
            case "10mb-line-escape-json":
                Directory.CreateDirectory(Path.Combine(path, "main"));
                Write(Path.Combine(path, "main", "main.json"),
                    "{\"version\":0,\"package\":\"main\",\"goos\":\"linux\",\"goarch\":\"amd64\",\"gc_version\":\"go1.19.8\","
                    + "\"file\":\"/src/main.go\"}\n",
                    "{\"range\":{\"start\":{\"line\":3,\"character\":2},\"end\":{\"line\":3,\"character\":2}},"
                    + "\"code\":\"escape\",\"message\":\"" + Repeat('m') + "\"}", "");
                break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "no such generated input");
        }
        return path;
    }

    private static string Repeat(char c) => new(c, LineBytes);

    private static void Write(string path, string before, string bigLine, string after) =>
        File.WriteAllText(path, before + bigLine + "\n" + after, new UTF8Encoding(false));
}

#:project ../src/GoMemLab/GoMemLab.csproj
// GoMemLab without a notebook host: a .NET 10 file-based app. Run from any folder with
//   dotnet run path/to/examples/leak-report.cs                  (bundled data → out/leak-report.html in the checkout)
//   dotnet run path/to/examples/leak-report.cs -- OUT.html HEAP.pb.gz… [--escape LOG] [--gctrace LOG]
// It loads heap profiles and an escape log, prints the verdict and the leak suspects, and writes the
// same self-contained, offline HTML report as `gomemlab report`. Bad input is one line on stderr and exit code 2.
using System.Runtime.CompilerServices;
using GoMemLab.Inputs;
using GoMemLab.Reports;
using GoMemLab.Tables;
using GoMemLab.Telemetry;

// The bundled data sits beside this file (../data), wherever the command is run from.
var root = Path.GetFullPath(Path.Combine(ThisFilesFolder(), ".."));
string Artifact(string path) => Path.Combine(root, "data", "artifacts", path);

var output = args.Length > 0 ? args[0] : Path.Combine(root, "out", "leak-report.html");
var heaps = args.Skip(1).TakeWhile(a => !a.StartsWith("--")).ToList();
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

var inputs = heaps.Count > 0
    ? new IncidentReportInputs { HeapProfiles = heaps, Escape = Option("--escape"), GcTrace = Option("--gctrace") }
    : new IncidentReportInputs
    {
        HeapProfiles = Enumerable.Range(1, 4).Select(i => Artifact($"heap/leaky-heap-{i}.pb.gz")).ToList(),
        Escape = Artifact("escape/leaky-m2.txt"),
        Assembly = Artifact("escape/leaky-asm.txt"),
        GcTrace = Artifact("telemetry/leaky-gctrace.log"),
        MemStats = [Artifact("telemetry/leaky-memstats.jsonl")],
        Title = "leaky service — memory incident report",
    };

try
{
    var report = IncidentReport.Build(inputs);
    Console.WriteLine($"verdict: {report.Verdict.ToText()}");
    TableWriter.Write(report.SuspectTable(), TableFormat.Table, Console.Out);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    report.Save(output);
    Console.WriteLine($"wrote {Path.GetRelativePath(Directory.GetCurrentDirectory(), output)} ({report.ChartCount} charts, offline)");
    return 0;
}
catch (Exception e) when (e is InputFormatException or ArgumentException or IOException or UnauthorizedAccessException)
{
    // What the user can act on, in one line: the file and what is wrong with it (no stack trace).
    Console.Error.WriteLine($"leak-report: {e.Message}");
    return 2;
}

// `dotnet run FILE.cs` tells the app where FILE.cs is; the compiler's path of this file is the fallback.
static string ThisFilesFolder([CallerFilePath] string compiledFrom = "") =>
    AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Path.GetDirectoryName(compiledFrom)!;

#:project ../src/GoMemLab/GoMemLab.csproj
// GoMemLab without a notebook host: a .NET 10 file-based app. Run from the repository root with
//   dotnet run examples/leak-report.cs                  (bundled data → out/leak-report.html)
//   dotnet run examples/leak-report.cs -- OUT.html HEAP.pb.gz… [--escape LOG] [--gctrace LOG]
// It loads heap profiles and an escape log, prints the verdict and the leak suspects, and writes the
// same self-contained, offline HTML report as `gomemlab report`.
using GoMemLab.Reports;
using GoMemLab.Tables;

var root = FindRepositoryRoot();
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

var report = IncidentReport.Build(inputs);
Console.WriteLine($"verdict: {report.Verdict}");
TableWriter.Write(report.SuspectTable(), TableFormat.Table, Console.Out);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
report.Save(output);
Console.WriteLine($"wrote {output} ({report.ChartCount} charts, offline)");

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "GoMemLab.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

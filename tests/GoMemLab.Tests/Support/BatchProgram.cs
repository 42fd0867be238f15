using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Support;

/// <summary>
/// data/go/batch built the ordinary way (no -trimpath) in a temporary folder and run once: <c>prof/heap-1.pb.gz</c> and
/// <c>prof/heap-2.pb.gz</c>, its <c>-m=2</c> log <c>m2.txt</c> and <c>-S</c> listing <c>asm.txt</c>, all in <see cref="Module"/>.
/// An xunit class fixture: built once per test class, deleted after. Needs Go.
/// </summary>
public sealed class BatchProgram : IDisposable
{
    private readonly TempDirectory _folder = new();

    public BatchProgram()
    {
        ExternalTools.Require("go");
        Module = Path.Combine(_folder.Path, "batch");
        Directory.CreateDirectory(Module);
        foreach (var file in Directory.GetFiles(RepoPaths.Data("go", "batch")))
            File.Copy(file, Path.Combine(Module, Path.GetFileName(file)));
        ExternalTools.GoBuild(Module, ".", Path.Combine(Module, "batch"));
        var env = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod" };
        var logs = ExternalProcess.Run("sh", ["-c", "go build -gcflags=-m=2 . 2> m2.txt && go build -a -gcflags=-S . 2> asm.txt"], Module,
            TimeSpan.FromMinutes(5), env);
        Assert.True(logs.ExitCode == 0, logs.Output);
        var run = ExternalProcess.Run(Path.Combine(Module, "batch"), ["-out", "prof", "-orders", "100000"], Module,
            TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.Output);
    }

    /// <summary>The module folder (absolute, under the system temp folder).</summary>
    public string Module { get; }

    /// <summary>The line of dedupe.go marked "deliberate leak" (grep -n), where the map that never forgets grows.</summary>
    public int LeakLine => File.ReadLines(Path.Combine(Module, "dedupe.go")).Select((l, i) => (l,
        i + 1)).Single(x => x.l.Contains("deliberate leak")).Item2;

    /// <summary>Runs the gomemlab CLI in <see cref="Module"/> and checks it exits 0.</summary>
    public ExternalProcess.Result Gomemlab(params string[] arguments)
    {
        var result = ExternalProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), .. arguments], Module,
            TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.Output);
        return result;
    }

    public void Dispose() => _folder.Dispose();
}

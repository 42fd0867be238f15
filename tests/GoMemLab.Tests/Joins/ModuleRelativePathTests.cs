using System.Net;
using GoMemLab.Joins;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Joins;

/// <summary>
/// A program built the ordinary way (no -trimpath) in a folder of this machine: its heap profile and -S listing carry absolute
/// paths, its -m=2 log "./order.go". `why` and `report` show every path relative to the module (issue 18, item 8), and the
/// join still explains the sites. Needs Go.
/// </summary>
public class ModuleRelativePathTests
{
    [Fact]
    public void Why_and_report_show_module_paths_for_an_ordinary_build()
    {
        ExternalTools.Require("go");
        using var dir = new TempDirectory();
        var module = Path.Combine(dir.Path, "batch");
        Directory.CreateDirectory(module);
        foreach (var file in Directory.GetFiles(RepoPaths.Data("go", "batch"))) File.Copy(file, Path.Combine(module, Path.GetFileName(file)));
        ExternalTools.GoBuild(module, ".", Path.Combine(module, "batch"));
        var env = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod" };
        Assert.Equal(0, ExternalProcess.Run("sh", ["-c", "go build -gcflags=-m=2 . 2> m2.txt && go build -a -gcflags=-S . 2> asm.txt"], module,
            TimeSpan.FromMinutes(5), env).ExitCode);
        Assert.Equal(0, ExternalProcess.Run(Path.Combine(module, "batch"), ["-out", "prof", "-orders", "100000"], module, TimeSpan.FromMinutes(2)).ExitCode);
        // What the inputs carry: absolute paths in the profile's strings and the listing, ./ in the log.
        Assert.Contains(module + "/dedupe.go", System.Text.Encoding.Latin1.GetString(
            GoMemLab.Inputs.InputFile.ReadAllBytesMaybeGzip(Path.Combine(module, "prof", "heap-2.pb.gz"))));
        Assert.Contains($"({module}/dedupe.go:11)", File.ReadAllText(Path.Combine(module, "asm.txt")));
        Assert.Contains("./dedupe.go:11:", File.ReadAllText(Path.Combine(module, "m2.txt")));

        var why = Gomemlab(module, "why", "prof/heap-2.pb.gz", "--escape", "m2.txt", "--asm", "asm.txt", "--format", "csv");
        var report = Gomemlab(module, "report", "--heap", "prof/heap-1.pb.gz", "--heap", "prof/heap-2.pb.gz", "--escape", "m2.txt", "--asm", "asm.txt",
            "--out", "report.html");
        // The page without its inlined copy of plotly.js (whose code has "./" of its own).
        var html = WebUtility.HtmlDecode(GoMemLab.Charts.OfflineHtmlPage.StripInlinedPlotly(File.ReadAllText(Path.Combine(module, "report.html"))));
        foreach (var output in new[] { why.Stdout, html })
        {
            Assert.DoesNotContain(dir.Path, output);
            Assert.DoesNotMatch(@"(?<!\.)\./[\w/.-]*\.go", output);
        }
        // The deliberate leak's line (grep -n 'deliberate leak' dedupe.go) is a site, explained by the map it grows.
        var leakLine = File.ReadLines(Path.Combine(module, "dedupe.go")).Select((l, i) => (l, i + 1)).Single(x => x.l.Contains("deliberate leak")).Item2;
        Assert.Contains($"\ndedupe.go:{leakLine},main.remember,dedupe.go,{leakLine},", why.Stdout);
        Assert.Contains("order.go:26,main.decode,order.go,26,", why.Stdout);
        Assert.Contains(",explained,escapes-to-heap,returned-to-caller,&Order{...} → ~r0: return &Order{...} (return) at order.go:26:2,runtime.newobject,",
            why.Stdout);
        Assert.Contains($"<code>dedupe.go:{leakLine}</code> in <code>main.remember</code>", html);
    }

    [Theory]
    [InlineData("/home/me/batch/order.go", "order.go")]
    [InlineData("./order.go", "order.go")]
    [InlineData("/home/me/batch/internal/x/x.go", "internal/x/x.go")]
    [InlineData("/root/go/pkg/mod/github.com/x/y@v1.2.3/z.go", "github.com/x/y@v1.2.3/z.go")]
    [InlineData("/elsewhere/other.go", "/elsewhere/other.go")]
    [InlineData("example.com/leaky/internal/cache/cache.go", "example.com/leaky/internal/cache/cache.go")]
    public void A_path_shows_relative_to_the_root_the_log_reveals(string path, string shown)
    {
        var paths = ModuleRelativePaths.For(["/home/me/batch/order.go", "/root/go/pkg/mod/github.com/x/y@v1.2.3/z.go"], ["./order.go"]);
        Assert.Equal(shown, paths.Show(path));
        Assert.Equal($"x at {shown}:3:4; y", paths.ShowIn($"x at {path}:3:4; y"));
    }

    private static ExternalProcess.Result Gomemlab(string folder, params string[] arguments)
    {
        var result = ExternalProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gomemlab.dll"), .. arguments], folder, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.Output);
        return result;
    }
}

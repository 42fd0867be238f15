using System.Net;
using GoMemLab.Joins;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Joins;

/// <summary>
/// A program built the ordinary way (no -trimpath) in a folder of this machine: its heap profile and -S listing carry absolute
/// paths, its -m=2 log "./order.go". `why` and `report` show every path relative to the module (issue 18, item 8), and the
/// join still explains the sites. Needs Go.
/// </summary>
public class ModuleRelativePathTests(BatchProgram batch) : IClassFixture<BatchProgram>
{
    [Fact]
    public void Why_and_report_show_module_paths_for_an_ordinary_build()
    {
        var module = batch.Module;
        // What the inputs carry: absolute paths in the profile's strings and the listing, ./ in the log.
        Assert.Contains(module + "/dedupe.go", System.Text.Encoding.Latin1.GetString(
            GoMemLab.Inputs.InputFile.ReadAllBytesMaybeGzip(Path.Combine(module, "prof", "heap-2.pb.gz"))));
        Assert.Contains($"({module}/dedupe.go:{batch.LeakLine})", File.ReadAllText(Path.Combine(module, "asm.txt")));
        Assert.Contains($"./dedupe.go:{batch.LeakLine}:", File.ReadAllText(Path.Combine(module, "m2.txt")));

        var why = batch.Gomemlab("why", "prof/heap-2.pb.gz", "--escape", "m2.txt", "--asm", "asm.txt", "--format", "csv");
        batch.Gomemlab("report", "--heap", "prof/heap-1.pb.gz", "--heap", "prof/heap-2.pb.gz", "--escape", "m2.txt", "--asm", "asm.txt",
            "--out", "report.html");
        // The page without its inlined copy of plotly.js (whose code has "./" of its own).
        var html = WebUtility.HtmlDecode(GoMemLab.Charts.OfflineHtmlPage.StripInlinedPlotly(File.ReadAllText(Path.Combine(module,
            "report.html"))));
        foreach (var output in new[] { why.Stdout, html })
        {
            Assert.DoesNotContain(Path.GetDirectoryName(module)!, output);
            Assert.DoesNotMatch(@"(?<!\.)\./[\w/.-]*\.go", output);
        }
        // The deliberate leak's line is a site, explained by the map it grows (the listing's runtime.mapassign call).
        Assert.Contains($"\ndedupe.go:{batch.LeakLine},main.remember,dedupe.go,{batch.LeakLine},", why.Stdout);
        Assert.Contains(",runtime,none,map-growth,,runtime.mapassign_faststr,", why.Stdout);
        Assert.Contains("order.go:26,main.decode,order.go,26,", why.Stdout);
        Assert.Contains(",explained,escapes-to-heap,returned-to-caller,&Order{...} → ~r0: return &Order{...} (return) at "
            + "order.go:26:2,runtime.newobject,",
            why.Stdout);
        Assert.Contains($"<code>dedupe.go:{batch.LeakLine}</code> in <code>main.remember</code>", html);
    }

    [Fact]
    public void Without_a_listing_a_site_the_runtime_allocated_says_the_listing_would_tell()
    {
        // Go's heap profiles drop the runtime's frames (runtime/pprof/protomem.go), so the map's buckets look like remember's own bytes.
        var why = batch.Gomemlab("why", "prof/heap-2.pb.gz", "--escape", "m2.txt", "--format", "json");
        var row = System.Text.Json.JsonDocument.Parse(why.Stdout).RootElement.EnumerateArray().Single(r
            => r.GetProperty("site").GetString() == $"dedupe.go:{batch.LeakLine}");
        Assert.Equal("unexplained", row.GetProperty("status").GetString());
        Assert.EndsWith("; an assembly listing (-gcflags=-S) would show whether the runtime made it (map buckets, append growth, a "
            + "channel): "
            + "heap profiles leave out the runtime's frames", row.GetProperty("reason").GetString());
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
}

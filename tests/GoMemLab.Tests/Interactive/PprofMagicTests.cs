using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Interactive;

/// <summary>`#!pprof` in the in-process kernel, on the real data/ heap profiles.</summary>
[Collection(KernelCollection.Name)]
public class PprofMagicTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");

    [Fact]
    public async Task Defines_the_profile_variable_and_shows_the_card()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync("#!pprof ../data/artifacts/heap/leaky-heap-4.pb.gz", NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var heap = kernel.Variable<LoadedProfile>("leaky_heap_4");
        // go tool pprof's total for the same file (data/golden, made by data/gen/50-pprof-goldens.sh).
        var inuse = heap.Profile.SampleTypes.ToList().FindIndex(t => t.Type == "inuse_space");
        Assert.Equal(Profiles.PprofTopGolden.Total(RepoPaths.Data("golden", "pprof", "leaky-heap-4.inuse_space.functions.txt")),
            Top.ComputeTotal(heap.Profile, inuse));
        Assert.Contains("total inuse_space", cell.AllHtml);
        Assert.Contains("Top 10 by flat inuse_space", cell.AllHtml);
        Assert.Contains("verdict-growing", cell.AllHtml);
        Assert.Contains("example.com/leaky/internal/cache.(*Cache).Put", cell.AllHtml);
        Assert.Contains("Plotly.newPlot", cell.AllHtml);
        // The analyses are methods of the variable.
        var next = await kernel.SubmitAsync("var suspects = leaky_heap_4.LeakSuspects(); var flameRows = leaky_heap_4.Flame().Rows.Count;");
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(3, kernel.Variable<GoMemLab.Profiles.Analyses.LeakSuspectsReport>("suspects").Rows.Count);
        Assert.True(kernel.Variable<int>("flameRows") > 1);
        // A typed result shows as its table.
        var shown = await kernel.SubmitAsync("suspects");
        Assert.True(shown.Succeeded, shown.Error);
        Assert.Contains("<th class=\"num\">inuse_share</th>", shown.AllHtml);
    }

    [Fact]
    public async Task Options_name_sample_index_diff_base_and_focus_reach_the_variable()
    {
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync(
            "#!pprof ../data/artifacts/heap/leaky-heap-4.pb.gz --diff-base ../data/artifacts/heap/leaky-heap-1.pb.gz --name growth "
                + "--sample-index alloc_space --focus cache",
            NotebookFolder);
        Assert.True(cell.Succeeded, cell.Error);
        var growth = kernel.Variable<LoadedProfile>("growth");
        Assert.True(growth.IsDiff);
        Assert.Equal("alloc_space", growth.SampleTypeName);
        Assert.Equal("cache", growth.Filter.Focus);
        Assert.All(growth.TopReport().Rows.Where(r => r.Flat != 0), r => Assert.Contains("cache", r.Name));
        Assert.Contains("\"type\":\"icicle\"", cell.AllHtml);
    }

    [Fact]
    public async Task Loads_from_a_url_and_names_the_variable_after_the_endpoint()
    {
        // A stand-in for net/http/pprof: serves the recorded profile at /debug/pprof/heap.
        var bytes = File.ReadAllBytes(RepoPaths.Artifact("heap", "leaky-heap-2.pb.gz"));
        var port = FreePort();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var request = await listener.GetContextAsync();
            request.Response.ContentType = "application/octet-stream";
            await request.Response.OutputStream.WriteAsync(bytes);
            request.Response.Close();
        });
        using var kernel = new InProcessKernel();
        var cell = await kernel.SubmitAsync($"#!pprof http://127.0.0.1:{port}/debug/pprof/heap");
        await serve;
        Assert.True(cell.Succeeded, cell.Error);
        var heap = kernel.Variable<LoadedProfile>("heap");
        var inuse = heap.Profile.SampleTypes.ToList().FindIndex(t => t.Type == "inuse_space");
        Assert.Equal(Profiles.PprofTopGolden.Total(RepoPaths.Data("golden", "pprof", "leaky-heap-2.inuse_space.functions.txt")),
            Top.ComputeTotal(heap.Profile, inuse));
        Assert.Contains($"http://127.0.0.1:{port}/debug/pprof/heap", cell.AllHtml);
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public async Task A_bad_path_fails_with_one_line_naming_the_file_and_the_next_cell_runs()
    {
        using var kernel = new InProcessKernel();
        var missing = await kernel.SubmitAsync("#!pprof no-such-heap.pb.gz", NotebookFolder);
        Assert.NotNull(missing.Error);
        Assert.Contains("no-such-heap.pb.gz", missing.Error);
        Assert.DoesNotContain("\n", missing.Error!.Trim());
        var notProfile = await kernel.SubmitAsync("#!pprof ../data/artifacts/telemetry/leaky-gctrace.log", NotebookFolder);
        Assert.Contains("leaky-gctrace.log", notProfile.Error);
        Assert.DoesNotContain("   at ", notProfile.Error);
        var badIndex = await kernel.SubmitAsync("#!pprof ../data/artifacts/heap/leaky-heap-1.pb.gz --sample-index bogus", NotebookFolder);
        Assert.StartsWith("#!pprof: sample index 'bogus' must be one of", badIndex.Error);
        var noPath = await kernel.SubmitAsync("#!pprof");
        Assert.Equal("#!pprof: missing PATH_OR_URL of a pprof profile", noPath.Error);
        var next = await kernel.SubmitAsync("1 + 1");
        Assert.True(next.Succeeded, next.Error);
    }
}

using GoMemLab.Inputs;
using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using GoMemLab.Tests.Telemetry;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// Loads profiles over HTTP from the real leaky service (data/go/leaky, net/http/pprof on loopback, built into
/// a temp dir and killed at the end), and checks the errors for a refused port, a 404 and a silent endpoint.
/// </summary>
public sealed class ProfileUrlTests
{
    [Fact]
    public async Task Heap_profiles_load_from_the_running_service_as_protobuf_and_as_debug1_text()
    {
        using var service = await LeakyService.StartAsync();
        var url = service.Url;
        Assert.StartsWith("http://127.0.0.1:", url);

        var heap = await Profile.LoadUrlAsync(url + "/debug/pprof/heap");
        Assert.Equal(ProfileFormat.Protobuf, heap.Format);
        Assert.Equal(["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"], heap.SampleTypes.Select(t => t.Type));
        Assert.True(heap.Samples.Count > 0);
        Assert.NotEmpty(Top.Compute(heap, new TopOptions { SampleIndex = "alloc_space" }).Rows);

        var text = await Profile.LoadUrlAsync(url + "/debug/pprof/heap?debug=1");
        Assert.Equal(ProfileFormat.LegacyHeapText, text.Format);
        Assert.NotNull(text.MemStats);
        Assert.True(text.MemStats!.Snapshot.HeapAlloc > 0);

        var goroutines = await Profile.LoadAsync(url + "/debug/pprof/goroutine");
        Assert.Equal("goroutine", goroutines.SampleTypes.Single().Type);

        var missing = await Assert.ThrowsAsync<InputFormatException>(() => Profile.LoadUrlAsync(url + "/debug/pprof/nosuchprofile"));
        Assert.Contains("HTTP 404", missing.Message);
        Assert.Contains("/debug/pprof/nosuchprofile", missing.File);
    }

    [Fact]
    public async Task A_refused_connection_names_the_url()
    {
        var url = $"http://127.0.0.1:{Loopback.FreePort()}/debug/pprof/heap";
        var e = await Assert.ThrowsAsync<InputFormatException>(() => Profile.LoadUrlAsync(url, TimeSpan.FromSeconds(5)));
        Assert.Equal(url, e.File);
        Assert.Contains("connection refused", e.Message);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_fails_at_the_timeout()
    {
        using var silent = new Loopback.Silent();
        var url = $"http://127.0.0.1:{silent.Port}/debug/pprof/heap";
        var e = await Assert.ThrowsAsync<InputFormatException>(() => Profile.LoadUrlAsync(url, TimeSpan.FromMilliseconds(500)));
        Assert.Contains("did not answer within 0.5 s", e.Message);
    }

    [Fact]
    public async Task Not_a_url()
    {
        var e = await Assert.ThrowsAsync<InputFormatException>(() => Profile.LoadUrlAsync("ftp://example/heap"));
        Assert.Contains("not an http", e.Message);
    }
}

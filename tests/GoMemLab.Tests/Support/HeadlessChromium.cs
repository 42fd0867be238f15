namespace GoMemLab.Tests.Support;

/// <summary>
/// Loads a page from disk in headless Chromium with networking off (every host resolves to nothing,
/// every proxy is a dead port), lets scripts run, and returns the DOM they produced; optionally writes
/// a screenshot. This is how tests prove that an HTML file renders its charts offline.
/// </summary>
public static class HeadlessChromium
{
    public static string Program => ExternalProcess.Require("chromium", "apt-get install chromium");

    private static IEnumerable<string> CommonArguments(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
        "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw",
        "--user-data-dir=" + profile,
    ];

    /// <summary>The DOM after the page's scripts ran.</summary>
    public static string RenderedDom(string htmlPath)
    {
        using var profile = new TempDirectory();
        var result = ExternalProcess.Run(Program, [.. CommonArguments(profile.Path), "--dump-dom",
            new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri],
            Path.GetDirectoryName(Path.GetFullPath(htmlPath))!, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, "chromium failed:\n" + result.Output);
        return result.Output;
    }

    /// <summary>Writes a PNG screenshot of the page (the first <paramref name="height"/> pixels).</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width = 1280, int height = 2400)
    {
        using var profile = new TempDirectory();
        var result = ExternalProcess.Run(Program, [.. CommonArguments(profile.Path), $"--window-size={width},{height}",
            "--screenshot=" + Path.GetFullPath(pngPath), new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri],
            Path.GetDirectoryName(Path.GetFullPath(htmlPath))!, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0 && File.Exists(pngPath), "chromium screenshot failed:\n" + result.Output);
    }

    /// <summary>How many plotly charts finished drawing (each draws one `main-svg` root plus overlays; we count plot containers).</summary>
    public static int RenderedCharts(string dom) => dom.Split("class=\"plot-container plotly\"").Length - 1;

    /// <summary>Where tests leave screenshots for people to look at (tests/GoMemLab.Tests/bin/…/screenshots).</summary>
    public static string ArtifactFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}

using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>The CLI installed the way a new user installs it: `dotnet tool install` from the package feed.</summary>
[Collection(KernelCollection.Name)]
public class ToolInstallTests
{
    [Fact]
    public void Gomemlab_installs_as_a_dotnet_tool_and_runs_on_the_bundled_data()
    {
        using var tools = new TempDirectory();
        var install = ExternalProcess.Run("dotnet",
            ["tool", "install", "gomemlab", "--tool-path", tools.Path, "--add-source", LocalFeed.Folder, "--version", LocalFeed.Version],
            RepoPaths.Root, TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);

        var gomemlab = Path.Combine(tools.Path, "gomemlab");
        var env = ExternalProcess.Run(gomemlab, ["env", "--format", "csv"], RepoPaths.Root, TimeSpan.FromMinutes(2));
        Assert.True(env.ExitCode == 0, env.Output);
        Assert.Contains("GoMemLab," + LocalFeed.Version, env.Output);

        var top = ExternalProcess.Run(gomemlab, ["pprof", "top", RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz"), "--format", "csv",
            "--nodecount", "3"],
            RepoPaths.Root, TimeSpan.FromMinutes(2));
        Assert.True(top.ExitCode == 0, top.Output);
        Assert.StartsWith("name,flat,flat_pct,sum_pct,cum,cum_pct,inline", top.Output);
        Assert.Equal(4, top.Output.Trim().Split('\n').Length);
    }
}

using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hosts;

/// <summary>
/// The packed extension in the real notebook hosts users run: dotnet-repl and Jupyter (through the
/// dotnet-interactive kernel). In-process tests cannot show host-only failures such as the
/// FSharp.Core 10.0/10.1 clash that breaks Plotly.NET there.
/// </summary>
[Collection(KernelCollection.Name)]
public class RealHostTests
{
    private static string StartHere => Path.Combine(RepoPaths.Root, "notebooks", "00-start-here.ipynb");

    [Fact]
    public void Start_here_runs_in_dotnet_repl_with_a_chart()
    {
        using var notebook = new HostNotebook(StartHere);
        var result = ExternalProcess.Run("dotnet",
            ["dotnet-repl", "--run", notebook.InputPath, "--exit-after-run", "--output-path", notebook.OutputPath],
            // dotnet-repl resolves relative paths against its own working directory, not the notebook's.
            Path.GetDirectoryName(notebook.InputPath)!, TimeSpan.FromMinutes(10));
        notebook.AssertExecutedWithChart(result.Output);
        Assert.True(result.ExitCode == 0, $"dotnet-repl exited {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public void Start_here_runs_in_jupyter_with_a_chart()
    {
        var nbconvert = ExternalProcess.Require("jupyter-nbconvert", "apt-get install jupyter-nbconvert python3-ipykernel");
        ExternalProcess.Require("dotnet-interactive",
            "dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001 && dotnet interactive jupyter install");
        using var notebook = new HostNotebook(StartHere);
        var path = (System.Environment.GetEnvironmentVariable("PATH") ?? "") + ":" +
                   Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        var result = ExternalProcess.Run(nbconvert,
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600",
             "--output", Path.GetFileName(notebook.OutputPath), notebook.InputPath],
            Path.GetDirectoryName(notebook.InputPath)!, TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["PATH"] = path });
        Assert.True(result.ExitCode == 0, $"jupyter nbconvert exited {result.ExitCode}:\n{result.Output}");
        notebook.AssertExecutedWithChart(result.Output);
    }
}

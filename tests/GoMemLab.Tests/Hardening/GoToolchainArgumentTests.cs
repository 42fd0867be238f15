using GoMemLab.Live;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// What <c>#!gobuild</c> / <c>#!gorun</c> will do, through the core helper they use: build a real Go program in
/// a folder whose name holds spaces, quotes, <c>;</c> and <c>$(…)</c>, to an output of such a name, then run it
/// with such arguments. Nothing may be interpreted by a shell: the program sees every argument verbatim and
/// the marker file the injections would create never appears.
/// </summary>
public sealed class GoToolchainArgumentTests
{
    [Fact]
    public async Task Build_and_run_with_shell_metacharacters_in_every_name()
    {
        using var temp = new TempDirectory();
        var marker = temp.File("INJECTED");
        var source = Path.Combine(temp.Path, $"my \"src\" dir; $(touch {marker}) 'x'");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/echo\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(source, "main.go"),
            "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfor _, a := range os.Args[1:] "
                + "{\n\t\tfmt.Println(a)\n\t}\n}\n");
        var output = Path.Combine(temp.Path, $"out `touch {marker}`; echo $(id) \"bin\"");
        var environment = new Dictionary<string, string> { ["GOFLAGS"] = "-mod=mod", ["GOPROXY"] = "off" };

        var build = await ChildProcess.RunAsync("go", ["build", "-o", output, "."], source, environment);
        Assert.True(build.ExitCode == 0, build.StandardError);
        Assert.True(File.Exists(output));

        string[] arguments = ["two words", "\"double\"", "'single'", "a; touch " + marker, "$(touch " + marker + ")",
            "`touch " + marker + "`", "$HOME", "*"];
        var run = await ChildProcess.RunAsync(output, arguments);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(arguments, run.StandardOutput.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(marker));
    }
}

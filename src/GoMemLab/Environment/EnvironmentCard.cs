using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;

namespace GoMemLab.Environment;

/// <summary>
/// What a workshop's first cell shows: which GoMemLab, which .NET, which Go (if any) and which host,
/// so that a room of thirty laptops can be checked at a glance.
/// </summary>
public sealed record EnvironmentCard(
    string GoMemLabVersion,
    string DotNetRuntime,
    string OperatingSystem,
    string Host,
    string? GoPath,
    string? GoVersion,
    string? GoRoot)
{
    public bool GoAvailable => GoVersion is not null;

    /// <summary>Probes the machine now. <paramref name="host"/> names the program running GoMemLab (CLI, dotnet-repl, Jupyter…).</summary>
    public static EnvironmentCard Detect(string host)
    {
        var go = GoToolchain.FindGo();
        var timeout = TimeSpan.FromSeconds(20);
        return new EnvironmentCard(
            GoMemLabVersion: Version,
            DotNetRuntime: RuntimeInformation.FrameworkDescription,
            OperatingSystem: $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            Host: host,
            GoPath: go,
            GoVersion: go is null ? null : GoToolchain.Query(go, timeout, "version"),
            GoRoot: go is null ? null : GoToolchain.Query(go, timeout, "env", "GOROOT"));
    }

    /// <summary>The informational version of the GoMemLab core assembly (without the source revision suffix).</summary>
    public static string Version
    {
        get
        {
            var info = typeof(EnvironmentCard).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? "0.0.0";
            var plus = info.IndexOf('+');
            return plus < 0 ? info : info[..plus];
        }
    }

    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["item"] = "What is described: GoMemLab, .NET runtime, OS, host, go on PATH, go version, GOROOT.",
        ["value"] = "Its value on this machine.",
    };

    /// <summary>The card as a two-column table (item, value).</summary>
    public DataFrame ToDataFrame()
    {
        var rows = Rows().ToList();
        return new DataFrame(
            new StringDataFrameColumn("item", rows.Select(r => r.Item)),
            new StringDataFrameColumn("value", rows.Select(r => r.Value)));
    }

    /// <summary>The card's items in display order; go version and GOROOT only when Go was found.</summary>
    public IEnumerable<(string Item, string Value)> Rows()
    {
        yield return ("GoMemLab", GoMemLabVersion);
        yield return (".NET runtime", DotNetRuntime);
        yield return ("OS", OperatingSystem);
        yield return ("host", Host);
        yield return ("go on PATH",
            GoPath ?? "not found (install Go, e.g. `apt-get install golang-go`, to build and run Go programs live)");
        if (GoVersion is not null) yield return ("go version", GoVersion);
        if (GoRoot is not null) yield return ("GOROOT", GoRoot);
    }
}

using GoMemLab.Interactive.Formatting;
using GoMemLab.Interactive.Hosting;
using GoMemLab.Interactive.Magics;
using Microsoft.DotNet.Interactive;

namespace GoMemLab.Interactive;

/// <summary>
/// The .NET Interactive entry point (found by the host in the package's interactive-extensions/dotnet
/// folder). It only adapts: formatters and magics over the GoMemLab core.
/// </summary>
public sealed class GoMemLabKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        Load(kernel);
        KernelInvocationContext.Current?.DisplayAs(
            $"GoMemLab {GoMemLab.Environment.EnvironmentCard.Version} loaded: magics {string.Join(", ", MagicNames(kernel))}. Start with "
                + "#!gomemlab, add -h to any magic for help.",
            "text/plain");
        return Task.CompletedTask;
    }

    /// <summary>Loads GoMemLab into a kernel without the greeting (used by `gomemlab run` and tests).</summary>
    public static void Load(Kernel kernel)
    {
        FSharpCoreBridge.Install();
        NotebookFormatters.Register();
        MagicCatalog.RegisterAll(kernel);
        MultipleValueReferences.Install(kernel.RootKernel);
    }

    // The magics the kernel really has: a host could refuse or replace one.
    private static IEnumerable<string> MagicNames(Kernel kernel) =>
        kernel.KernelInfo.SupportedDirectives.Select(d => d.Name).Where(MagicCatalog.Names.Contains).Distinct();
}

using GoMemLab.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// The in-process kernel that `gomemlab run` (and the tests) execute notebooks in: a composite kernel
/// with C#, value sharing, the usual helpers and the GoMemLab extension already loaded — so notebooks
/// run headless without packing or restoring anything.
/// </summary>
public static class NotebookKernel
{
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseValueSharing();
        // What `#r "nuget:GoMemLab.Interactive"` would reference in a notebook host.
        csharp.AddAssemblyReferences(new[]
        {
            typeof(GoMemLab.Environment.EnvironmentCard),
            typeof(Microsoft.Data.Analysis.DataFrame),
            typeof(Plotly.NET.GenericChart),
            typeof(Plotly.NET.CSharp.Chart),
            typeof(Microsoft.FSharp.Core.FSharpOption<>),
        }.Select(t => t.Assembly.Location));
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        GoMemLabKernelExtension.Load(kernel);
        return kernel;
    }
}

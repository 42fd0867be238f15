namespace GoMemLab.Tests.Support;

/// <summary>
/// Tests that run kernels or notebooks change the process's current directory and formatter
/// registrations, so they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    public const string Name = "in-process kernel";
}

namespace GoMemLab.Tests.Support;

/// <summary>
/// Tests that run kernels or notebooks change the process's current directory and formatter
/// registrations, so they run one at a time. When the collection ends, the notebook hosts' package feed and any folder a
/// failed notebook left in /tmp are removed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection : ICollectionFixture<Hosts.LocalFeed.Cleanup>, ICollectionFixture<NotebookScratch>
{
    public const string Name = "in-process kernel";
}

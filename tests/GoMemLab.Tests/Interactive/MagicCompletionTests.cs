using GoMemLab.Interactive.Magics;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Interactive;

[Collection(KernelCollection.Name)]
public class MagicCompletionTests
{
    [Fact]
    public async Task Pprof_path_completes_profiles_near_the_notebook_and_sample_index_the_go_types()
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.Combine(RepoPaths.Root, "data", "artifacts"));
        try
        {
            var directive = PprofMagic.Directive();
            var path = await directive.Parameters.Single(p => p.Name == "--path").GetValueCompletionsAsync();
            Assert.Contains(path, c => c.DisplayText == Path.Combine("heap", "leaky-heap-4.pb.gz"));
            Assert.DoesNotContain(path, c => c.DisplayText.EndsWith(".log"));
            var index = await directive.Parameters.Single(p => p.Name == "--sample-index").GetValueCompletionsAsync();
            Assert.Contains(index, c => c.DisplayText == "inuse_space");
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}

using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace GoMemLab.Tests.Interactive;

/// <summary>
/// Two `@csharp:` value references in one magic, in a host that answers RequestInputs with a form (dotnet-interactive's
/// Jupyter host registers UseFormsForMultipleInputs). Its SubmissionParser (dotnet/interactive,
/// src/Microsoft.DotNet.Interactive/Parsing/SubmissionParser.cs, RequestMultipleInputsIfAppropriate) sends RequestInputs
/// for any directive with more than one expression, even when none is an @input: the host then shows an empty form
/// and waits for its Ok forever (notebook 03 hung in nbconvert), and every reference binds to null afterwards.
/// The fake host handler below does what that form does: display, then wait until cancelled.
/// </summary>
[Collection(GoMemLab.Tests.Support.KernelCollection.Name)]
public class ValueReferenceTests
{
    private static readonly string NotebookFolder = Path.Combine(RepoPaths.Root, "notebooks");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private const string Inputs = """
        var heap1 = "../data/artifacts/heap/leaky-heap-1.pb.gz";
        var heap4 = "../data/artifacts/heap/leaky-heap-4.pb.gz";
        """;

    [Fact]
    public async Task Two_references_in_one_magic_run_under_a_host_with_input_forms()
    {
        using var kernel = new InProcessKernel();
        var formsShown = 0;
        kernel.Root.RegisterCommandHandler<RequestInputs>(async (_, context) =>
        {
            Interlocked.Increment(ref formsShown);
            context.DisplayAs("<form>…<button>Ok</button></form>", "text/html");
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        });
        Assert.True((await kernel.SubmitAsync(Inputs, NotebookFolder)).Succeeded);

        var cell = await WithinPatience(kernel, "#!pprof @csharp:heap4 --diff-base @csharp:heap1 --name growth");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(0, formsShown);
        var growth = kernel.Variable<LoadedProfile>("growth");
        Assert.True(growth.IsDiff);
        var expected = ProfileDiff.Compare(Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-1.pb.gz")),
            Profile.Load(RepoPaths.Artifact("heap", "leaky-heap-4.pb.gz")));
        Assert.Equal(Top.ComputeTotal(expected, 3), Top.ComputeTotal(growth.Profile, 3));
        Assert.Contains("leaky-heap-4.pb.gz minus leaky-heap-1.pb.gz", cell.AllHtml);
    }

    [Fact]
    public async Task A_real_input_still_gets_the_hosts_form_and_the_other_reference_its_value()
    {
        using var kernel = new InProcessKernel();
        var formsShown = 0;
        kernel.Root.RegisterCommandHandler<RequestInputs>((request, context) =>
        {
            Interlocked.Increment(ref formsShown);
            var answers = request.Inputs.ToDictionary(i => i.GetPropertyNameForJsonSerialization(),
                _ => "../data/artifacts/heap/leaky-heap-4.pb.gz");
            context.Publish(new InputsProduced(answers, request));
            return Task.CompletedTask;
        });
        Assert.True((await kernel.SubmitAsync(Inputs, NotebookFolder)).Succeeded);

        var cell = await WithinPatience(kernel, "#!pprof @input:\"profile\" --diff-base @csharp:heap1 --name growth");

        Assert.True(cell.Succeeded, cell.Error);
        Assert.Equal(1, formsShown);
        var growth = kernel.Variable<LoadedProfile>("growth");
        Assert.True(growth.IsDiff);
        Assert.Contains("leaky-heap-4.pb.gz minus leaky-heap-1.pb.gz", cell.AllHtml);
    }

    [Fact]
    public async Task A_reference_to_an_undefined_variable_is_one_error_line()
    {
        using var kernel = new InProcessKernel();
        kernel.Root.RegisterCommandHandler<RequestInputs>((_, _) => Task.Delay(Timeout.Infinite));
        Assert.True((await kernel.SubmitAsync(Inputs, NotebookFolder)).Succeeded);

        var cell = await WithinPatience(kernel, "#!pprof @csharp:heap4 --diff-base @csharp:nosuch --name growth");

        Assert.False(cell.Succeeded);
        Assert.Contains("nosuch", cell.Error);
        Assert.DoesNotContain("   at ", cell.Error);
    }

    private static async Task<CellResult> WithinPatience(InProcessKernel kernel, string code)
    {
        var run = kernel.SubmitAsync(code, NotebookFolder);
        if (await Task.WhenAny(run, Task.Delay(Patience)) != run)
        {
            await kernel.CancelAsync();
            Assert.Fail($"the cell did not finish within {Patience.TotalSeconds:0} s: {code}");
        }
        return await run;
    }
}

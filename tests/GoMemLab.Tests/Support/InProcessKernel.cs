using GoMemLab.Cli.Notebooks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace GoMemLab.Tests.Support;

/// <summary>
/// The in-process kernel harness for magic tests: the same kernel `gomemlab run` uses, with helpers
/// to submit a cell and read what it displayed, which error it raised, and what variables it defined.
/// </summary>
public sealed class InProcessKernel : IDisposable
{
    private readonly CompositeKernel _kernel = NotebookKernel.Create();

    /// <summary>The root kernel, for tests that add what a particular host registers on it.</summary>
    public CompositeKernel Root => _kernel;

    /// <summary>Runs one cell with the given current directory (paths in magics are relative to it).</summary>
    public async Task<CellResult> SubmitAsync(string code, string? workingDirectory = null)
    {
        var previous = Directory.GetCurrentDirectory();
        if (workingDirectory is not null) Directory.SetCurrentDirectory(workingDirectory);
        try
        {
            var result = await _kernel.SendAsync(new SubmitCode(code, "csharp"));
            return new CellResult(result.Events.ToList());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    /// <summary>Cancels the running cell, as a notebook's stop button does.</summary>
    public Task CancelAsync() => _kernel.SendAsync(new Cancel());

    /// <summary>Calls <paramref name="onEvent"/> for every event the kernel publishes, as it happens.</summary>
    public IDisposable OnEvent(Action<KernelEvent> onEvent) => _kernel.KernelEvents.Subscribe(new Observer(onEvent));

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }

    /// <summary>The value of a C# variable, or throws when the variable is not defined.</summary>
    public T Variable<T>(string name)
    {
        var csharp = (CSharpKernel)_kernel.ChildKernels.Single(k => k is CSharpKernel);
        Assert.True(csharp.TryGetValue<T>(name, out var value), $"variable {name} is not defined");
        return value!;
    }

    /// <summary>True and the value when the C# variable is defined.</summary>
    public bool TryVariable<T>(string name, out T? value)
    {
        var csharp = (CSharpKernel)_kernel.ChildKernels.Single(k => k is CSharpKernel);
        return csharp.TryGetValue(name, out value);
    }

    public void Dispose() => _kernel.Dispose();
}

/// <summary>The events of one submitted cell.</summary>
public sealed record CellResult(IReadOnlyList<KernelEvent> Events)
{
    public string? Error => Events.OfType<CommandFailed>().Select(f => f.Message).FirstOrDefault();

    public bool Succeeded => Error is null;

    /// <summary>All values the cell displayed or returned, in the given mime type.</summary>
    public IEnumerable<string> Displayed(string mimeType = "text/html") =>
        Events.OfType<DisplayEvent>().SelectMany(d => d.FormattedValues).Where(v => v.MimeType == mimeType).Select(v => v.Value);

    public string AllHtml => string.Join("\n", Displayed());
}

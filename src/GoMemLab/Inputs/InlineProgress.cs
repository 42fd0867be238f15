namespace GoMemLab.Inputs;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, at once. <see cref="Progress{T}"/>
/// posts to the thread pool instead, so its reports can arrive after the load or capture has returned and its
/// result has been printed.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

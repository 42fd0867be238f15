namespace GoMemLab.Profiles;

/// <summary>Loading: the one way every GoMemLab format loads, <c>X.Load(path, cancel)</c> (see <c>src/GoMemLab/README.md</c>).</summary>
public sealed partial class Profile
{
    /// <summary>
    /// Loads the profile at <paramref name="path"/>, recognising the content rather than the name: gzip (decompressed,
    /// then recognised again), pprof protobuf, or the legacy heap text of <c>/debug/pprof/heap?debug=1</c>. Everything
    /// wrong with the input is one <see cref="Inputs.InputFormatException"/> naming the file (and the byte offset when
    /// known); the file is opened read-only and shared. Cancelling stops the load within about a megabyte of input
    /// (<see cref="OperationCanceledException"/>) and leaves nothing referenced.
    /// </summary>
    public static Profile Load(string path, CancellationToken cancel = default) => ProfileLoader.Load(path, null, cancel);

    /// <inheritdoc cref="Load(string, CancellationToken)"/>
    /// <param name="progress">Reported about every 5% of the input.</param>
    public static Profile Load(string path, IProgress<LoadProgress>? progress, CancellationToken cancel = default) =>
        ProfileLoader.Load(path, progress, cancel);

    /// <summary>
    /// Reads a profile from bytes held in memory (gzipped or not), as <see cref="Load(string, CancellationToken)"/> reads a
    /// file; <paramref name="name"/> names the input in messages.
    /// </summary>
    public static Profile Parse(byte[] content, string name, IProgress<LoadProgress>? progress = null,
        CancellationToken cancel = default) =>
        ProfileLoader.Load(content, name, progress, cancel);

    /// <summary>
    /// Reads a profile from a stream (from its current position), as <see cref="Load(string, CancellationToken)"/> reads a
    /// file: a seekable stream is decoded as it is read, and what is not a profile is refused after its first bytes; a
    /// stream that cannot seek is first read whole, within the size limit. The stream is left open.
    /// </summary>
    public static Profile Parse(Stream content, string name, IProgress<LoadProgress>? progress = null,
        CancellationToken cancel = default) =>
        ProfileLoader.Load(content, name, progress, cancel);

    /// <summary>
    /// Loads a file (see <see cref="Load(string, CancellationToken)"/>) or an http(s) URL (see <see cref="LoadUrlAsync"/>)
    /// off the caller's thread, so that a notebook kernel stays responsive to a cancel while a big file decodes.
    /// </summary>
    public static Task<Profile> LoadAsync(string pathOrUrl, CancellationToken cancel = default) => LoadAsync(pathOrUrl, null, cancel);

    /// <inheritdoc cref="LoadAsync(string, CancellationToken)"/>
    /// <param name="progress">Reported about every 5% of the input.</param>
    public static Task<Profile> LoadAsync(string pathOrUrl, IProgress<LoadProgress>? progress, CancellationToken cancel = default) =>
        Inputs.HttpInput.IsUrl(pathOrUrl)
            ? LoadUrlAsync(pathOrUrl, null, progress, cancel)
            : Task.Run(() => ProfileLoader.Load(pathOrUrl, progress, cancel), cancel);

    /// <summary>
    /// Fetches a profile over HTTP, e.g. <c>http://127.0.0.1:6060/debug/pprof/heap</c> or
    /// <c>…/debug/pprof/profile?seconds=5</c>. The timeout is <paramref name="timeout"/> (default 60 s) plus the
    /// <c>seconds</c> query parameter, since the server only answers after that long. Unreachable hosts,
    /// HTTP errors and timeouts become <see cref="Inputs.InputFormatException"/>s naming the URL.
    /// </summary>
    public static Task<Profile> LoadUrlAsync(string url, TimeSpan? timeout = null, IProgress<LoadProgress>? progress = null,
        CancellationToken cancel = default) =>
        ProfileDownloader.LoadAsync(url, timeout, progress, cancel);
}

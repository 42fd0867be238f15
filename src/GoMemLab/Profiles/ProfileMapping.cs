namespace GoMemLab.Profiles;

/// <summary>
/// One binary or library mapped into the profiled process (pprof's <c>Mapping</c>). Go profiles carry
/// the main executable and, in CPU profiles, shared objects such as <c>[vdso]</c>. <see cref="File"/> is the
/// path as the runtime saw it; the Has* flags say which symbol information the locations carry.
/// </summary>
public sealed record ProfileMapping(
    ulong Id,
    ulong MemoryStart,
    ulong MemoryLimit,
    ulong FileOffset,
    string File,
    string BuildId,
    bool HasFunctions,
    bool HasFilenames,
    bool HasLineNumbers,
    bool HasInlineFrames);

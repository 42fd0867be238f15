using GoMemLab.Cli.Terminal;
using GoMemLab.Profiles;

namespace GoMemLab.Cli.Commands;

/// <summary>How every `gomemlab` command loads a profile: with progress on stderr, erased before the result prints.</summary>
public static class CliProfiles
{
    /// <summary>Loads a file or URL; <paramref name="alwaysShowProgress"/> is `--progress` (lines even for short loads and in
    /// pipes).</summary>
    public static async Task<Profile> LoadAsync(string pathOrUrl, CancellationToken cancel, bool alwaysShowProgress = false)
    {
        var progress = LoadProgressDisplay.OnStderr(alwaysShowProgress);
        try
        {
            return await Profile.LoadAsync(pathOrUrl, progress, cancel);
        }
        finally
        {
            progress.Complete();
        }
    }
}

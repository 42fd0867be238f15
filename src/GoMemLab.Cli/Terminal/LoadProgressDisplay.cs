using System.Globalization;
using GoMemLab.Profiles;

namespace GoMemLab.Cli.Terminal;

/// <summary>Shows a profile load (<see cref="LoadProgress"/>) on a <see cref="ProgressDisplay"/>, on the loading thread.</summary>
/// <remarks>Progress&lt;T&gt; would post to the thread pool, so a report could land after the table; this reports inline.</remarks>
public sealed class LoadProgressDisplay(ProgressDisplay display) : IProgress<LoadProgress>
{
    public void Report(LoadProgress value)
    {
        var detail = value.TotalBytes > 0
            ? $"{value.BytesRead.ToString("N0", CultureInfo.InvariantCulture)} of "
                + $"{value.TotalBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes" : "";
        if (value.Samples > 0) detail += $", {value.Samples.ToString("N0", CultureInfo.InvariantCulture)} samples";
        display.Report(value.Stage, value.Fraction, detail.TrimStart(',', ' '));
    }

    /// <summary>A load display for `gomemlab`'s profile commands: bar on a terminal, lines elsewhere.</summary>
    public static LoadProgressDisplay OnStderr(bool always = false) => new(ProgressDisplay.OnStderr("gomemlab", always));

    /// <summary>Erases the bar before the result is printed.</summary>
    public void Complete() => display.Complete();
}

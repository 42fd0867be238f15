using GoMemLab.Inputs;

namespace GoMemLab.Cli.Commands;

/// <summary>
/// Runs a command body and turns the errors users cause (bad files, bad arguments) into one line on
/// stderr and exit code 2; anything else is a bug and keeps its stack trace.
/// </summary>
public static class CliRun
{
    public const int UsageOrInputError = 2;

    /// <summary>Ctrl+C: 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;

    public static int Guard(Func<int> body) => GuardAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();

    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (InputFormatException e)
        {
            Console.Error.WriteLine($"gomemlab: {e.Message}");
            return UsageOrInputError;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"gomemlab: {e.Message}");
            return UsageOrInputError;
        }
        // An output path in a missing folder or without permission (--out, --chart, --output): the OS message names the path.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gomemlab: {e.Message}");
            return UsageOrInputError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("gomemlab: cancelled");
            return Cancelled;
        }
    }
}

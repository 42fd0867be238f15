using GoMemLab.Inputs;

namespace GoMemLab.Fuzz;

/// <summary>Runs a target on one input the way the contract demands: bad input may only be refused with
/// <see cref="InputFormatException"/>.</summary>
public static class FuzzRunner
{
    /// <summary>
    /// Runs <paramref name="target"/> on <paramref name="input"/>; returns the refusal, or null when the
    /// input was accepted. Any other exception propagates (AFL records it as a crash).
    /// </summary>
    public static InputFormatException? Run(string target, byte[] input)
    {
        try
        {
            FuzzTargets.All[target](input);
            return null;
        }
        catch (InputFormatException refused)
        {
            return refused;
        }
    }
}

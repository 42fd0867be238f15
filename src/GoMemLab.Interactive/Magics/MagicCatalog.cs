using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace GoMemLab.Interactive.Magics;

/// <summary>Every magic GoMemLab adds, one line each: the only list of them (names, greeting and reference pages derive from it).</summary>
public static class MagicCatalog
{
    private static readonly (Func<KernelActionDirective> Declare, Action<Kernel> Register)[] Magics =
    [
        (GoMemLabMagic.Directive, GoMemLabMagic.Register),
        (GcTraceMagic.Directive, GcTraceMagic.Register),
        (MemStatsMagic.Directive, MemStatsMagic.Register),
        (GoRunMagic.Directive, GoRunMagic.Register),
        (EscapeMagic.Directive, EscapeMagic.Register),
        (GoBuildMagic.Directive, GoBuildMagic.Register),
        (PprofMagic.Directive, PprofMagic.Register),
        (FleetMagic.Directive, FleetMagic.Register),
        (HeapDumpMagic.Directive, HeapDumpMagic.Register),
        (SsaMagic.Directive, SsaMagic.Register),
        (GoroutinesMagic.Directive, GoroutinesMagic.Register),
    ];

    /// <summary>The names of the magics (<c>#!pprof</c>…), in registration order, from their declarations.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Magics.Select(m => m.Declare().Name)];

    /// <summary>Adds every magic to <paramref name="kernel"/>.</summary>
    public static void RegisterAll(Kernel kernel)
    {
        foreach (var (_, register) in Magics) register(kernel);
    }
}

using Microsoft.DotNet.Interactive;

namespace GoMemLab.Interactive.Magics;

/// <summary>Every magic GoMemLab adds, one line each.</summary>
public static class MagicCatalog
{
    public static void RegisterAll(Kernel kernel)
    {
        GoMemLabMagic.Register(kernel);
        GcTraceMagic.Register(kernel);
        MemStatsMagic.Register(kernel);
        GoRunMagic.Register(kernel);
        EscapeMagic.Register(kernel);
        GoBuildMagic.Register(kernel);
        PprofMagic.Register(kernel);
        FleetMagic.Register(kernel);
        HeapDumpMagic.Register(kernel);
        SsaMagic.Register(kernel);
        GoroutinesMagic.Register(kernel);
    }
}

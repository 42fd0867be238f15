namespace GoMemLab.HeapDumps.Model;

/// <summary>The data or bss segment of the program as the dump holds it: name ("data", "bss"), start address and length in bytes.</summary>
public sealed record DumpSegment(string Name, ulong Address, ulong Length);

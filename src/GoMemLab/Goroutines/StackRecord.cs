namespace GoMemLab.Goroutines;

/// <summary>
/// How many goroutines of a dump share one stack: what protobuf and debug=1 profiles list, and what a debug=2
/// dump adds up to. <paramref name="Labels"/> are the pprof labels of the record (<c>{"k":"v"}</c>, empty when none).
/// </summary>
public readonly record struct StackRecord(int Stack, long Count, string Labels);

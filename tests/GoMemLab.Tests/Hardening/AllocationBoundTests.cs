using GoMemLab.Profiles;

namespace GoMemLab.Tests.Hardening;

/// <summary>
/// Memory follows the input, not what the input claims: a gzip member whose trailer states a 4 GB size
/// (the rest of the file intact) is refused — .NET checks the size field — after allocations proportional
/// to its real content, not to the size it claims. Measured with the
/// thread's allocation counter, which is exact and does not depend on timing.
/// </summary>
public sealed class AllocationBoundTests
{
    [Fact]
    public void A_gzip_size_field_that_lies_does_not_allocate_gigabytes()
    {
        var path = Path.Combine(BadInputTests.Folder, "pprof-gzip-size-field-4gb.pb.gz");
        Assert.StartsWith("error: ", BadInputOutcome.Of("pprof", path)); // warm up: JIT and static tables

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<GoMemLab.Inputs.InputFormatException>(() => Profile.Load(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 10 * 1024 * 1024, $"loading a {new FileInfo(path).Length}-byte file allocated {allocated:N0} bytes");
    }
}

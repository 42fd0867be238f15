namespace GoMemLab.Profiles.LegacyHeap;

/// <summary>
/// The drop_frames/keep_frames regexes pprof attaches to legacy heap profiles (its addLegacyFrameInfo), so a
/// symbolized legacy profile prunes allocator frames at the leaves exactly as <c>go tool pprof</c> does.
/// The list is pprof's: POSIX, tcmalloc and OS X allocators, the Go runtime (<c>runtime\..*</c>), C++ helpers.
/// </summary>
internal static class PprofFrameFilters
{
    public static readonly string AllocatorFrames = string.Join("|",
        "calloc", "cfree", "malloc", "free", "memalign", "do_memalign", "(__)?posix_memalign", "pvalloc", "valloc", "realloc",
        @"tcmalloc::.*", "tc_calloc", "tc_cfree", "tc_malloc", "tc_free", "tc_memalign", "tc_posix_memalign", "tc_pvalloc",
        "tc_valloc", "tc_realloc", "tc_new", "tc_delete", "tc_newarray", "tc_deletearray", "tc_new_nothrow", "tc_newarray_nothrow",
        "malloc_zone_malloc", "malloc_zone_calloc", "malloc_zone_valloc", "malloc_zone_realloc", "malloc_zone_memalign", "malloc_zone_free",
        @"runtime\..*",
        @"BaseArena::.*", @"(::)?do_malloc_no_errno", @"(::)?do_malloc_pages", @"(::)?do_malloc", "DoSampledAllocation",
        "MallocedMemBlock::MallocedMemBlock", "_M_allocate", @"__builtin_(vec_)?delete", @"__builtin_(vec_)?new",
        @"__gnu_cxx::new_allocator::allocate", "__libc_malloc", @"__malloc_alloc_template::allocate", "allocate", "cpp_alloc",
        @"operator new(\[\])?", @"simple_alloc::allocate");

    public static readonly string AllocatorFramesToKeep = string.Join("|", @"runtime\.panic", @"runtime\.reflectcall",
        @"runtime\.call[0-9]*");
}

#!/usr/bin/env python3
"""Writes cxx-heap.pb.gz, a SYNTHETIC heap profile (not made by Go), byte for byte reproducible:

    python3 data/synthetic/make-cxx-heap.py

Why synthetic: Go programs never write C++ frame names nor the profile's drop_frames/keep_frames, but the profiles
GoMemLab is given do contain them (cgo programs' C++ frames; gperftools and other producers set drop/keep frames), and
pprof applies rules to them that no Go artifact reaches. data/gen/50-pprof-goldens.sh runs it and makes `go tool pprof`
goldens from it, so the reference is still pprof. What it holds, and the pprof rule each part is there for:
- drop_frames/keep_frames: a leaf location dropped whole (malloc, Arena::Allocate: profile.Prune cuts the stack after
  the first matching location seen from the root), an inlined location cut below its matching frame
  (operator new inside Hasher::operator() inside Table::Insert: Table::Insert stays), pool::Take dropped but pool::Grow
  kept by keep_frames, and a stack made of a matching frame only (kept: nothing is pruned before a user frame);
- C++ demangled names with parameter lists: pprof matches drop_frames against simplifyFunc(name), the name cut at its
  first '(' that is not part of "(anonymous namespace)" or "operator()";
- unsymbolized locations: no lines but a mapping with a file ("[server]", "[libarena.so.1]"), one with no mapping
  at all ("<unknown>");
- two mappings whose files share a base name, so two "[server]" nodes tie on name: pprof's sort then falls back to
  the other value (cum for -top, flat for -cum) and the zero-valued samples below make that order differ from the
  last tie-breaker's;
- the first mapping is a library (pprof moves the main binary first; GoMemLab's mapping index 0 must still count);
- two sample types (alloc_objects/count, alloc_space/bytes) with different shapes;
- source paths pprof cleans (filepath.Clean after trimming /proc/self/cwd/): "." and ".." elements, a relative path
  that climbs above its start, a doubled slash;
- two functions whose names order differently in UTF-8 (Go's string order) and in UTF-16 (.NET's ordinal order): a
  fullwidth letter (U+FF33) and a mathematical bold one (U+1D412), with equal values so only the name orders them;
- mapping files at the root ("/libroot.so") and ending in a slash, as filepath.Base names them.
"""
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from protowire import lfield, packed, vfield  # noqa: E402

STRINGS = [""]


def s(text):
    """Index of text in the string table, adding it on first use."""
    if text not in STRINGS:
        STRINGS.append(text)
    return STRINGS.index(text)


# id: (name, file, start line); the first function is dropped by drop_frames and hidden by -hide='^malloc$'.
FUNCTIONS = {
    1: ("malloc", "", 0),
    2: ("main", "/src/app/main.cc", 10),
    3: ("(anonymous namespace)::Worker::Run(int)", "/src/app/worker.cc", 20),
    4: ("(anonymous namespace)::Arena::Allocate(unsigned long)", "/src/arena/arena.cc", 30),
    5: ("Hasher::operator()(std::string const&) const", "/src/app/hash.h", 40),
    6: ("Table::Insert(std::string const&, int)", "/src/app/table.cc", 50),
    7: ("operator new(unsigned long)", "", 0),
    8: ("pool::Take(int)", "/src/app/pool.cc", 60),
    9: ("pool::Grow(int)", "/src/app/pool.cc", 70),
    10: ("std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&)", "/usr/include/c++/12/bits/vector.tcc", 80),
    11: ("Table::Insert(std::string const&, int)::{lambda(int)#1}::operator()(int) const", "/src/app/table.cc", 55),
    12: ("Logger::Flush()", "/src/arena/logger.cc", 90),
    13: ("codec::Decode(char const*)", "/proc/self/cwd/./src/app/../codec//codec.cc", 100),
    14: ("codec::Encode(char const*)", "../vendor/./zlib/../codec.cc", 110),
    15: ("\uFF33tats::Add(int)", "./src/stats/stats.cc", 120),
    16: ("\U0001D412tats::Add(int)", "/src/stats/./bold.cc", 130),
}

# id: (file, start, limit)
MAPPINGS = {
    1: ("/usr/lib/x86_64-linux-gnu/libarena.so.1", 0x7F0000000000, 0x7F0000100000),
    2: ("/opt/app/bin/server", 0x400000, 0x800000),
    3: ("/opt/app/plugins/server", 0x7E0000000000, 0x7E0000100000),
    4: ("/libroot.so", 0x7D0000000000, 0x7D0000100000),
    5: ("/opt/app/jit/", 0x7C0000000000, 0x7C0000100000),
}

# id: (mapping id or 0, address, [(function id or 0, line)] innermost first)
LOCATIONS = {
    1: (1, 0x7F0000001000, [(1, 0)]),
    2: (2, 0x401000, [(2, 12)]),
    3: (2, 0x402000, [(3, 25)]),
    4: (1, 0x7F0000002000, [(4, 33)]),
    5: (2, 0x403000, [(7, 0), (5, 42), (6, 52)]),
    6: (2, 0x404000, [(8, 61)]),
    7: (2, 0x405000, [(9, 72)]),
    8: (2, 0x406000, []),
    9: (0, 0x9000, []),
    10: (2, 0x407000, [(10, 85)]),
    11: (2, 0x408000, [(11, 56), (6, 57)]),
    12: (1, 0x7F0000003000, [(12, 91)]),
    13: (3, 0x7E0000002000, [(3, 27)]),
    14: (3, 0x7E0000001000, []),
    15: (1, 0x7F0000004000, []),
    16: (2, 0x409000, [(13, 104)]),
    17: (2, 0x40A000, [(14, 112)]),
    18: (2, 0x40B000, [(15, 121)]),
    19: (2, 0x40C000, [(16, 131)]),
    20: (4, 0x7D0000001000, []),
    21: (5, 0x7C0000001000, []),
}

# (location ids leaf first, [alloc_objects, alloc_space])
SAMPLES = [
    ([1, 4, 3, 2], [1, 4096]),
    ([1, 5, 3, 2], [2, 1024]),
    ([1, 6, 10, 3, 2], [3, 512]),
    ([1, 7, 3, 2], [4, 256]),
    ([1], [5, 2000]),
    ([8, 3, 2], [11, 100]),
    ([14, 3, 2], [11, 128]),
    ([8, 14, 3, 2], [0, 28]),
    ([14, 8, 3, 2], [3, 0]),
    ([9, 2], [7, 32]),
    ([12, 11, 3, 2], [8, 16]),
    ([13, 2], [9, 8]),
    ([15, 12, 3, 2], [10, 64]),
    ([16, 3, 2], [12, 48]),
    ([17, 16, 3, 2], [13, 40]),
    ([18, 2], [6, 24]),
    ([19, 2], [6, 24]),
    ([20, 2], [14, 20]),
    ([21, 20, 2], [15, 18]),
]

DROP_FRAMES = r"malloc|operator new|\(anonymous namespace\)::Arena::Allocate|Hasher::operator\(\)|pool::.*"
KEEP_FRAMES = r"pool::Grow"


def profile():
    out = bytearray()
    for t, u in (("alloc_objects", "count"), ("alloc_space", "bytes")):
        out += lfield(1, vfield(1, s(t)) + vfield(2, s(u)))
    for ids, values in SAMPLES:
        out += lfield(2, packed(1, ids) + packed(2, values))
    for mid, (file, start, limit) in MAPPINGS.items():
        out += lfield(3, vfield(1, mid) + vfield(2, start) + vfield(3, limit) + vfield(5, s(file)))
    for lid, (mid, address, lines) in LOCATIONS.items():
        body = vfield(1, lid) + (vfield(2, mid) if mid else b"") + vfield(3, address)
        for fid, line in lines:
            body += lfield(4, (vfield(1, fid) if fid else b"") + (vfield(2, line) if line else b""))
        out += lfield(4, body)
    for fid, (name, file, start) in FUNCTIONS.items():
        body = vfield(1, fid) + vfield(2, s(name)) + vfield(3, s(name)) + (vfield(4, s(file)) if file else b"")
        out += lfield(5, body + (vfield(5, start) if start else b""))
    drop, keep = s(DROP_FRAMES), s(KEEP_FRAMES)
    period_type = lfield(11, vfield(1, s("space")) + vfield(2, s("bytes")))
    tail = vfield(7, drop) + vfield(8, keep) + vfield(9, 1_700_000_000_000_000_000) + period_type + vfield(12, 524288)
    strings = b"".join(lfield(6, text.encode()) for text in STRINGS)
    return bytes(out) + strings + tail


if __name__ == "__main__":
    data = profile()
    # mtime=0 and no file name in the gzip header: the same bytes on every run.
    with open(os.path.join(HERE, "cxx-heap.pb.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as z:
            z.write(data)

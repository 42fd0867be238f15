#!/usr/bin/env python3
"""Writes the small heap-dump inputs of this folder, byte for byte reproducible (run from anywhere):

    python3 tests/GoMemLab.Tests/BadInputs/make-heapdump-inputs.py

heapdump-tiny.dump is a complete dump in the go1.7 format of Go's src/runtime/heapdump.go (params, objects, a
goroutine with frames, data and bss, a finalizer, memstats, a memprof bucket and alloc samples, EOF) of a few
hundred bytes: the fuzzer's seed and the base of every damaged case below. A real dump of the smallest Go program
is over a megabyte (the runtime's own objects), too big for AFL. HeapDumpBadInputTests.cs lists each file's outcome.
heapdump-suspects.dump is a second good dump, built for the edges of the leak-suspect rule.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from protowire import uvarint as uv  # noqa: E402

HEADER = b"go1.7 heap dump\n"
HEAP = 0xC000000000


def s(text):
    data = text.encode()
    return uv(len(data)) + data


def fields(*offsets):
    return b"".join(uv(1) + uv(o) for o in offsets) + uv(0)


def word(value):
    return value.to_bytes(8, "little")


def params():
    return uv(6) + uv(0) + uv(8) + uv(HEAP) + uv(HEAP + (64 << 20)) + s("amd64") + s("go1.19.8") + uv(2)


def obj(address, contents, *pointer_offsets):
    return uv(1) + uv(address) + uv(len(contents)) + contents + fields(*pointer_offsets)


def tiny():
    a, b, c, d = HEAP, HEAP + 0x20, HEAP + 0x40, HEAP + 0x2000
    out = HEADER + params()
    out += uv(3) + uv(0x4A0000) + uv(32) + s("main.T") + uv(1)  # type
    out += uv(8) + uv(0x4B0000) + uv(0x4A0000)  # itab
    # a: 32 bytes pointing at b (offset 0) and at the middle of d (an interior pointer, offset 8)
    out += obj(a, word(b) + word(d + 16) + b"secret!!" * 2, 0, 8)
    out += obj(b, word(c) + b"\x00" * 24, 0)
    out += obj(c, b"password" * 4)  # no pointers
    out += obj(d, b"\x07" * 64)  # a larger object on another page
    # goroutine 1 with two frames; main.main's frame holds a
    out += uv(4) + uv(HEAP + 0x9000) + uv(0x7000) + uv(1) + uv(0x401000) + uv(4) + uv(0) + uv(0) + uv(0) + s("chan receive")
    out += uv(0) + uv(0) + uv(0) + uv(0)
    out += uv(5) + uv(0x7000) + uv(0) + uv(0) + uv(16) + word(a) + word(0) + uv(0x401000) + uv(0x401010) + uv(0x401010) + s("main.main") + fields(0)
    out += uv(5) + uv(0x7010) + uv(1) + uv(0x7000) + uv(0) + uv(0x402000) + uv(0x402010) + uv(0x402010) + s("runtime.goexit") + fields()
    out += uv(9) + uv(0x500000) + uv(0) + uv(1234)  # an OS thread
    out += uv(12) + uv(0x600000) + uv(16) + word(d) + word(0) + fields(0)  # data: one pointer word at +0
    out += uv(13) + uv(0x610000) + uv(8) + word(c) + fields(0)  # bss: main's global at +0
    out += uv(7) + uv(b) + uv(0x700000) + uv(0x403000) + uv(0) + uv(0)  # a finalizer on b
    out += uv(10) + b"".join(uv(0) for _ in range(281))
    out += uv(16) + uv(0x800000) + uv(32) + uv(2) + s("main.alloc") + s("example.com/tiny/main.go") + uv(7)
    out += s("main.main") + s("example.com/tiny/main.go") + uv(3) + uv(4) + uv(0)
    out += uv(17) + uv(a) + uv(0x800000)
    out += uv(17) + uv(c) + uv(0x800000)
    return out + uv(0)


def goroutine(address, goid, stack, entry, held, *pointer_offsets):
    """A waiting goroutine whose entry function's frame holds the words `held`, below runtime.goexit."""
    out = uv(4) + uv(address) + uv(stack) + uv(goid) + uv(0x401000) + uv(4) + uv(0) + uv(0) + uv(0) + s("chan receive")
    out += uv(0) + uv(0) + uv(0) + uv(0)
    out += uv(5) + uv(stack) + uv(0) + uv(0) + uv(len(held)) + held + uv(0x401000) + uv(0x401010) + uv(0x401010) + s(entry)
    out += fields(*pointer_offsets)
    end = stack + len(held)
    return out + uv(5) + uv(end) + uv(1) + uv(stack) + uv(0) + uv(0x402000) + uv(0x402010) + uv(0x402010) + s("runtime.goexit") + fields()


def suspects():
    """The leak-suspect rule's edges (LeakSuspectRuleTests): a global holds p (16 B) → q (64 B), so q keeps exactly 80%
    of what p does; two goroutines run main.worker, the first holding two 16-byte objects (neither holds 80% of it),
    the second one 24-byte object (it holds all of it)."""
    # One span (8 KiB page) per object size, as the runtime allocates them.
    p, q, r1, r2, r3 = HEAP, HEAP + 0x2000, HEAP + 0x4000, HEAP + 0x4010, HEAP + 0x6000
    out = HEADER + params()
    out += obj(p, word(q) + word(0), 0)
    out += obj(q, b"\x01" * 64)
    out += obj(r1, b"\x02" * 16)
    out += obj(r2, b"\x03" * 16)
    out += obj(r3, b"\x04" * 24)
    out += goroutine(HEAP + 0x9000, 1, 0x7000, "main.worker", word(r1) + word(r2), 0, 8)
    out += goroutine(HEAP + 0x9400, 2, 0x8000, "main.worker", word(r3), 0)
    out += uv(12) + uv(0x600000) + uv(8) + word(p) + fields(0)  # data: one pointer word
    out += uv(13) + uv(0x610000) + uv(8) + word(0) + fields()  # bss: nothing
    out += uv(10) + b"".join(uv(0) for _ in range(281))
    return out + uv(0)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    good = tiny()
    write("heapdump-tiny.dump", good)
    write("heapdump-suspects.dump", suspects())
    write("heapdump-truncated.dump", good[: good.index(b"secret!!") + 4])
    write("heapdump-no-eof.dump", good[:-1])
    write("heapdump-go14-header.dump", b"go1.4 heap dump\n" + good[len(HEADER):])
    write("heapdump-unknown-tag.dump", HEADER + params() + uv(42) + uv(0))
    write("heapdump-absurd-length.dump", HEADER + params() + uv(1) + uv(HEAP) + uv(1 << 60) + b"\x00" * 8)
    write("heapdump-field-outside-object.dump", HEADER + params() + obj(HEAP, word(0) * 2, 12) + uv(0))
    write("heapdump-overlapping-objects.dump", HEADER + params() + obj(HEAP, word(0) * 4) + obj(HEAP + 8, word(0) * 2) + uv(0))
    write("heapdump-object-before-params.dump", HEADER + obj(HEAP, word(0) * 2) + params() + uv(0))
    write("heapdump-huge-varint.dump", HEADER + params() + b"\xff" * 11)


if __name__ == "__main__":
    main()

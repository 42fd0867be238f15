#!/usr/bin/env python3
"""Writes the generated worst cases of bench/worst-case-inputs.sh into DIR at size factor K (1, 2, 4 …):

  deep-stack-K.pb          one pprof sample whose stack is K x 250,000 frames (two functions recursing)
  long-flow-K.txt          one -m=2 explanation with K x 100,000 flow/from step pairs
  long-line-K.gctrace.log  a gctrace log whose middle line is K x 10 MB
  long-line-K.jsonl        MemStats JSON lines around one line of K x 10 MB
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from protowire import uvarint as varint  # noqa: E402


def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def vfield(number, value):
    return varint(number << 3) + varint(value)


def main(directory, k):
    depth = 250_000 * k
    stack = b"".join(varint(1 + (i % 2)) for i in range(depth))
    profile = field(1, vfield(1, 1) + vfield(2, 2))
    profile += field(2, field(1, stack) + field(2, varint(4096)))
    for loc in (1, 2):
        profile += field(4, vfield(1, loc) + field(4, vfield(1, loc) + vfield(2, 10)))
        profile += field(5, vfield(1, loc) + vfield(2, 2 + loc) + vfield(4, 5))
    for s in ["", "inuse_space", "bytes", "main.a", "main.b", "main.go"]:
        profile += field(6, s.encode())
    open(f"{directory}/deep-stack-{k}.pb", "wb").write(profile)

    with open(f"{directory}/long-flow-{k}.txt", "w") as f:
        f.write("# example.com/worst\n./main.go:11:10: &T{} escapes to heap:\n")
        for i in range(100_000 * k):
            f.write(f"./main.go:11:10:   flow: v{i + 1} = v{i}:\n./main.go:11:10:     from v{i} (assign) at ./main.go:{12 + i % 1000}:2\n")
        f.write("./main.go:12:2: moved to heap: x\n")

    gc = "gc {} @0.041s 0%: 0.21+5.0+0.049 ms clock, 0.43+0/0.30/4.5+0.098 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P\n"
    with open(f"{directory}/long-line-{k}.gctrace.log", "w") as f:
        f.write(gc.format(1) + gc.format(2) + "gc 3 @0.1s 1%: " + "9" * (10_000_000 * k) + "\n" + gc.format(4))

    snap = '{"unix_nano":%d,"Alloc":1000,"TotalAlloc":2000,"HeapAlloc":1000,"NumGC":1}\n'
    with open(f"{directory}/long-line-{k}.jsonl", "w") as f:
        f.write(snap % 1 + '{"Alloc":1,"note":"' + "z" * (10_000_000 * k) + '"}\n' + snap % 2)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

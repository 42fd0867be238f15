"""Protocol buffers' base-128 varint, the one encoding rule the input generators share (pprof profiles and Go heap
dumps both use it): import it with sys.path pointing at scripts/.

    from protowire import uvarint
"""


def uvarint(n):
    """The varint of n; a negative n is taken as an int64, as protobuf writes it (ten bytes of two's complement)."""
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)

"""Protocol buffers' base-128 varint, the one encoding rule the input generators share (pprof profiles and Go heap
dumps both use it), and the few field encoders the profile generators need: import them with sys.path pointing at
scripts/.

    from protowire import uvarint, vfield, lfield, packed
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


def key(field, wire):
    """A field's tag: its number and wire type (0 varint, 2 length-delimited)."""
    return uvarint(field << 3 | wire)


def vfield(field, n):
    """A varint field."""
    return key(field, 0) + uvarint(n)


def lfield(field, payload):
    """A length-delimited field (a string, bytes or an embedded message)."""
    return key(field, 2) + uvarint(len(payload)) + payload


def packed(field, numbers):
    """A packed repeated varint field."""
    return lfield(field, b"".join(uvarint(n) for n in numbers))

"""Gzip files made by Python's zlib, to test MLHub's own DEFLATE decoder against.

Writes Fixtures/gzip/<case>.gz and the original bytes as Fixtures/gzip/<case>.raw. The cases
cover every block type (stored, fixed and dynamic Huffman), long and overlapping matches,
optional header fields, and a file of two gzip members.

    python3 Tests/DatasetsTests/Fixtures/generate_gzip_fixtures.py
"""
import gzip
import os
import random
import struct
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gzip")

TEXT = (
    "The quick brown fox jumps over the lazy dog. A model learns from examples; "
    "gradient descent takes small steps downhill. Pack light and carry an umbrella.\n"
).encode() * 60


def deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()


def member(data, body, flags=0, extra=b"", name=b"", comment=b"", header_crc=False):
    """A gzip member around an already compressed DEFLATE body, with chosen header fields."""
    header = bytearray(b"\x1f\x8b\x08")
    header.append(flags | (0x04 if extra else 0) | (0x08 if name else 0) | (0x10 if comment else 0)
                  | (0x02 if header_crc else 0))
    header += struct.pack("<I", 1_600_000_000) + b"\x00\x03"  # mtime, XFL, OS (Unix)
    if extra:
        header += struct.pack("<H", len(extra)) + extra
    if name:
        header += name + b"\x00"
    if comment:
        header += comment + b"\x00"
    if header_crc:
        header += struct.pack("<H", zlib.crc32(bytes(header)) & 0xFFFF)
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return bytes(header) + body + trailer


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20240601)
    noise = bytes(rng.getrandbits(8) for _ in range(17_000))
    skewed = bytes(rng.choice(b"aaaaaaaabbbbccd\n") for _ in range(30_000))
    cases = {
        "empty": (b"", None),
        "text_default": (TEXT, None),
        "text_best": (TEXT, deflate(TEXT, 9)),
        "text_fixed_huffman": (TEXT, deflate(TEXT, 6, zlib.Z_FIXED)),
        "skewed_huffman_only": (skewed, deflate(skewed, 6, zlib.Z_HUFFMAN_ONLY)),
        "runs_rle": (b"\x00" * 5000 + b"ab" * 3000 + b"\xff" * 30_000, None),
        "random_bytes": (noise, None),
        "stored_level0": (noise * 4, deflate(noise * 4, 0)),  # longer than one stored block can be
        "one_byte": (b"x", None),
    }
    for name, (data, body) in cases.items():
        blob = member(data, body) if body is not None else gzip.compress(data, mtime=0)
        assert gzip.decompress(blob) == data
        write(name, data, blob)

    # Optional header fields, and two members in one file.
    data = b"header fields are skipped before the compressed data\n" * 20
    blob = member(data, deflate(data), extra=b"MLxx", name=b"notes.txt", comment=b"made for tests", header_crc=True)
    assert gzip.decompress(blob) == data
    write("header_fields", data, blob)
    first, second = b"first member\n" * 50, b"second member\n" * 70
    blob = gzip.compress(first, mtime=0) + gzip.compress(second, mtime=0)
    assert gzip.decompress(blob) == first + second
    write("two_members", first + second, blob)


def write(name, data, blob):
    with open(os.path.join(OUT, name + ".raw"), "wb") as f:
        f.write(data)
    with open(os.path.join(OUT, name + ".gz"), "wb") as f:
        f.write(blob)
    print(f"{name}: {len(data)} bytes → {len(blob)}")


if __name__ == "__main__":
    main()

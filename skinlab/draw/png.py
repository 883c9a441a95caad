"""PNG bytes from an RGBA buffer, fast: no row filters, zlib at level 1.

Pillow's encoder tries a filter for every row; on the explorers' pictures (flat fills, drawn
tissue, text) plain rows compress as well or better, and encoding takes about a third of the
time (measured on a 640 x 480 layer-explorer picture: 5.8 ms and 79 KB against Pillow's 16 ms
and 96 KB at compress level 1). The output is a standard 8-bit RGB PNG.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def encode(rgba, level: int = 1) -> bytes:
    """An (h, w, 4) or (h, w, 3) uint8 array (or buffer of one) as PNG bytes (RGB, 8 bits)."""
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or pixels.dtype != np.uint8:
        raise ValueError(f"expected an (h, w, 3 or 4) uint8 image, got {pixels.shape} "
                         f"{pixels.dtype}")
    h, w = pixels.shape[:2]
    raw = np.zeros((h, 1 + 3 * w), dtype=np.uint8)  # each row: filter byte 0, then RGB
    raw[:, 1:] = pixels[..., :3].reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (SIGNATURE + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw.tobytes(), level)) + _chunk(b"IEND", b""))


__all__ = ["encode"]

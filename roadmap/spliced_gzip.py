"""Gzip a page once, then splice a different short value into it for each visitor.

A cached page that carries a per-visitor CSRF token would otherwise be gzipped again on every
request, which costs more than everything else in serving it. Instead, the parts around the
value are deflated once, each flushed to a byte boundary. Per request only the value goes in,
as a "stored" (uncompressed) deflate block, and the gzip trailer's CRC is computed over the
parts. The result is one ordinary gzip stream (RFC 1951 and 1952).

Each part is compressed with the parts before it as its preset dictionary, so it compresses as
well as the page would in one piece. Where the value will go, the dictionary holds NUL bytes
instead, and a part with no NUL in it can never refer back to them: the bytes a decoder
copies are always the ones the compressor saw.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from dataclasses import dataclass

_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no mtime, unknown OS
_LEVEL = 6
_WINDOW = 1 << zlib.MAX_WBITS


@dataclass(frozen=True)
class SplicedGzip:
    parts: tuple[bytes, ...]
    deflated: tuple[bytes, ...]
    value_length: int

    @classmethod
    def build(cls, content: bytes, placeholder: bytes, value_length: int) -> SplicedGzip:
        """Split `content` at each `placeholder`; each will be replaced by a value of `value_length` bytes."""
        parts = tuple(content.split(placeholder))
        if b"\x00" in content:
            return cls(parts, (), value_length)  # cannot splice safely: gzip whole pages instead
        filler = b"\x00" * value_length
        deflated = []
        for index, part in enumerate(parts):
            preceding = filler.join(parts[:index])[-_WINDOW:] if index else b""
            options = {"zdict": preceding + filler} if index else {}
            compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, **options)
            last = index == len(parts) - 1
            flush = zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH
            deflated.append(compressor.compress(part) + compressor.flush(flush))
        return cls(parts, tuple(deflated), value_length)

    def plain(self, value: bytes) -> bytes:
        return value.join(self.parts)

    def gzipped(self, value: bytes) -> bytes:
        if len(value) != self.value_length or not self.deflated:
            return gzip.compress(self.plain(value), _LEVEL)
        stored = b"\x00" + struct.pack("<HH", len(value), len(value) ^ 0xFFFF) + value
        crc = 0
        for index, part in enumerate(self.parts):
            if index:
                crc = zlib.crc32(value, crc)
            crc = zlib.crc32(part, crc)
        size = sum(map(len, self.parts)) + len(value) * (len(self.parts) - 1)
        body = stored.join(self.deflated)
        return b"".join((_GZIP_HEADER, body, struct.pack("<II", crc, size & 0xFFFFFFFF)))

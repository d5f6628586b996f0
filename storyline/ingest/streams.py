"""Byte streams for inputs read in a single pass: look at the first bytes without losing them."""

from __future__ import annotations

import io
from typing import BinaryIO


class _Replay(io.RawIOBase):
    """`head`, then the rest of `stream`: a peek that works on pipes (stdin) and gzip streams alike."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def peek(stream: BinaryIO, size: int = 65536) -> tuple[bytes, BinaryIO]:
    """(the first `size` bytes or fewer, a stream that still starts with them)."""
    head = stream.read(size)
    return head, io.BufferedReader(_Replay(head, stream), buffer_size=1 << 16)


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """At most limit + 1 bytes: one more than the limit tells the caller the input is too large."""
    chunks, total = [], 0
    while total <= limit and (chunk := stream.read(min(1 << 20, limit + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)

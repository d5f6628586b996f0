"""Bytes to text: UTF-8 first, then charset-normalizer for legacy encodings (cp1251, latin-1, ...)."""

from __future__ import annotations

from charset_normalizer import from_bytes

from storyline.errors import E_BINARY, E_EMPTY, InputError


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(b < 9 or 13 < b < 32 for b in head)
    return control > max(8, len(head) // 20)


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> str:
    if not data.strip():
        raise InputError(path, E_EMPTY, "the input is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if looks_binary(data):
        raise InputError(path, E_BINARY, "binary content, not text or a known document format")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, E_BINARY, "not decodable as text in any known encoding")
    return str(best)

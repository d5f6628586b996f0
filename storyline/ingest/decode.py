"""Bytes to text: a BOM or a declared charset, then UTF-8, then charset-normalizer for legacy encodings.

Mojibake is not repaired here (the cleaning stage runs ftfy): this only picks the right codec.
"""

from __future__ import annotations

import codecs
import re

from storyline.errors import E_BINARY, E_EMPTY, InputError

# Bytes that plain text never contains: C0 controls except tab, newline, vertical tab, form feed, CR,
# plus ESC kept out since some legacy files use it. Counted in C with bytes.translate.
_TEXT_BYTES = bytes([7, 8, 9, 10, 11, 12, 13, 27]) + bytes(range(32, 256))
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT)"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "gzip-compressed data"), (b"BZh", "bzip2-compressed data"),
          (b"\xfd7zXZ", "xz-compressed data"), (b"7z\xbc\xaf", "a 7-Zip archive"))
# When charset-normalizer scores several codecs alike (short texts), prefer the ones the web uses most.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp932", "shift_jis", "gb18030", "gbk", "euc_kr",
              "cp1250", "iso8859_2", "cp1256", "cp1253", "cp1254", "cp1255", "cp874", "big5", "koi8_r")
# No BOM and no NUL bytes (binary check) means the text cannot be UTF-16/32: keep them out of the guess.
_EXCLUDED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def binary_kind(data: bytes) -> str | None:
    """What a binary input is ("a PDF document", "binary data"), or None for text."""
    head = data[:8192]
    if head.startswith(_UTF16_32_BOMS):
        return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "binary data"
    controls = len(head.translate(None, _TEXT_BYTES))
    return "binary data" if controls > max(8, len(head) // 50) else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or an XML declaration names in the first 4 KB."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read a declared latin-1 as windows-1252 (WHATWG Encoding): so do we.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best codec for legacy bytes, ties broken toward the common web encodings."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=_EXCLUDED))
    if not matches:
        return None
    best = matches[0]
    alike = [m.encoding for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
    for name in _PREFERRED:
        if name in alike:
            return name
    return best.encoding


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """(text, codec name). Raises InputError for empty or binary input."""
    if not data.strip():
        raise InputError(path, E_EMPTY, "the input is empty")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec if codec != "utf-8" else "utf-8-sig", errors="replace"), codec
    kind = binary_kind(data)
    if kind:
        raise InputError(path, E_BINARY, f"binary content ({kind}), not text or a known document format")
    try:
        return data.decode("utf-8"), "utf-8"      # the common case: no detection cost
    except UnicodeDecodeError:
        pass
    codec = _codec(declared)
    if codec and codec != "utf-8":
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    codec = guess_encoding(data)
    if codec is None:
        raise InputError(path, E_BINARY, "not decodable as text in any known encoding")
    return data.decode(codec, errors="replace"), codec


def stream_encoding(sample: bytes) -> str:
    """Codec for reading a large file as a stream, judged on its first bytes (UTF-8 unless they say otherwise)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)  # a cut multi-byte char is fine
        return "utf-8"
    except UnicodeDecodeError:
        return guess_encoding(sample) or "utf-8"

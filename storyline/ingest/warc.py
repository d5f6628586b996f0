"""WARC and WARC.gz archives with warcio: HTML response records become documents.

WARC-Date is the crawl time, not the publication date: it is kept in extra["crawl_date"] only.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from typing import BinaryIO

from storyline.errors import E_PARSE, InputError
from storyline.ingest.decode import decode_bytes
from storyline.ingest.html import read_html
from storyline.models import Failure, RawDocument


def _charset(content_type: str | None) -> str | None:
    m = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def read_warc(stream: BinaryIO, path: str) -> Iterator[RawDocument | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{url or count}"
            count += 1
            try:
                payload = record.content_stream().read()
                text = decode_bytes(payload, where, _charset(content_type))
                doc = read_html(text, where, url=url, fmt="warc")
                doc.extra["crawl_date"] = record.rec_headers.get_header("WARC-Date")
                yield doc
            except InputError as exc:
                yield Failure(where, str(exc).split(": ", 1)[-1])
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield Failure(path, f"[{E_PARSE}] WARC archive is truncated or corrupt after {count} record(s): {exc}")
        return
    problem = _truncation(stream)
    if problem:
        yield Failure(path, f"[{E_PARSE}] WARC archive is truncated or corrupt after {count} record(s): {problem}")
        return
    if count == 0:
        raise InputError(path, E_PARSE, "no HTML response records in the WARC archive")


def _truncation(stream: BinaryIO) -> str | None:
    """warcio stops quietly at a cut in a .warc.gz; reading the gzip members through tells."""
    stream.seek(0)
    if stream.read(2) != b"\x1f\x8b":
        return None
    stream.seek(0)
    try:
        with gzip.GzipFile(fileobj=stream) as gz:
            while gz.read(1 << 20):
                pass
    except (EOFError, OSError) as exc:
        return str(exc)
    return None

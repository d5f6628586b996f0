"""WARC and WARC.gz archives, streamed with warcio: each HTML (or RSS/Atom) response becomes documents.

WARC-Date is the crawl time, not the publication date: it is kept in extra["crawl_date"] only.
A cut archive yields the records before the cut, then raises E_PARSE naming the problem.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.config import IngestConfig
from storyline.errors import E_EMPTY, E_FORMAT, E_PARSE, E_TOO_LARGE, InputError
from storyline.ingest.streams import peek, read_capped
from storyline.models import Failure, RawDocument

DOCUMENT_TYPES = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml")


def _iterator(stream: BinaryIO) -> Any:
    from warcio.archiveiterator import ArchiveIterator

    class CheckedIterator(ArchiveIterator):  # type: ignore[misc]
        """warcio ends quietly at a cut inside a gzip member: note whether the last member was complete."""

        cut = False

        def close(self) -> None:
            decompressor = self.reader.decompressor if self.reader is not None else None
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.cut = True
            super().close()

    return CheckedIterator(stream)


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return (headers.get_header("Content-Type") or "") if headers is not None else ""


def _ok(record: Any) -> bool:
    if record.rec_type == "resource":
        return True
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return (record.http_headers.get_statuscode() or "").startswith("2")


def _drain(record: Any) -> str | None:
    """Read what is left of a record; bytes still missing then mean the archive was cut inside it."""
    while record.raw_stream.read(1 << 16):
        pass
    if record.raw_stream.limit > 0:
        uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_type
        return f"record {uri} ends {record.raw_stream.limit:,} bytes short"
    return None


def read_warc(stream: BinaryIO, path: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    from warcio.exceptions import ArchiveLoadFailed

    from storyline.ingest.dispatch import read_bytes

    head, stream = peek(stream, 16)
    if not (head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b")):
        raise InputError(path, E_FORMAT, "not a WARC archive: it does not start with a WARC/1.x header")
    archive = _iterator(stream)
    documents = responses = 0
    cut: str | None = None
    try:
        for record in archive:
            content_type = _content_type(record)
            if not _ok(record) or content_type.split(";")[0].strip().lower() not in DOCUMENT_TYPES:
                cut = _drain(record)
                if cut:
                    break
                continue
            responses += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{url or archive.get_record_offset()}"
            if (record.length or 0) > config.max_bytes:
                yield Failure(where, f"[{E_TOO_LARGE}] record of {record.length:,} bytes is over the limit of "
                                     f"{config.max_bytes:,} (ingest.max_bytes)")
                continue
            payload = read_capped(record.content_stream(), config.max_bytes)
            cut = _drain(record)
            try:
                for doc in read_bytes(payload, where, config, content_type=content_type, url=url, origin="warc"):
                    if isinstance(doc, RawDocument):
                        doc.extra["crawl_date"] = record.rec_headers.get_header("WARC-Date")
                        documents += 1
                    yield doc
            except InputError as exc:
                if cut is None:
                    yield Failure(exc.path, f"[{exc.code}] {exc.detail}")
            if cut:
                break
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        cut = " ".join(str(exc).split())
    if cut is None and archive.cut:
        cut = "the last gzip member is incomplete"
    if cut:
        raise InputError(path, E_PARSE, f"WARC archive is truncated or corrupt after {documents} document(s): {cut}")
    if responses == 0:
        raise InputError(path, E_EMPTY, "no HTML or feed responses in the WARC archive")

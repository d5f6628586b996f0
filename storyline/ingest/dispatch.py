"""Choose a reader: by file name, by Content-Type, then by the first bytes.

Single documents (text, Markdown, HTML, JSON, feeds) are read whole, up to ingest.max_bytes.
Containers of many articles (JSON Lines, CSV/TSV, WARC) are streamed record by record, so their files
may be any size; each record is held to ingest.max_bytes instead.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

from storyline.config import IngestConfig
from storyline.errors import E_EMPTY, E_FORMAT, E_MISSING, E_PARSE, E_TOO_LARGE, InputError
from storyline.ingest.csvfiles import read_csv
from storyline.ingest.decode import decode_bytes
from storyline.ingest.feeds import looks_like_feed, looks_like_html, read_feed
from storyline.ingest.html import read_html
from storyline.ingest.jsonfiles import read_json, read_jsonl
from storyline.ingest.streams import peek, read_capped
from storyline.ingest.text import read_text
from storyline.ingest.warc import read_warc
from storyline.models import Failure, RawDocument

SUFFIX_KINDS = {
    "": "text", ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
    ".rss": "feed", ".atom": "feed", ".xml": "xml", ".warc": "warc",
}
CONTENT_TYPE_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "application/rss+xml": "feed",
    "application/atom+xml": "feed", "application/rdf+xml": "feed", "application/xml": "xml", "text/xml": "xml",
    "application/json": "json", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl", "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/plain": "text", "text/markdown": "markdown", "application/warc": "warc",
}
_UNSUPPORTED_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                      "application/javascript", "text/css", "text/javascript")
STREAMED = ("jsonl", "csv", "tsv", "warc")
GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = re.compile(rb"^WARC/\d\.\d\r?\n")


def kind_of_name(name: str) -> str | None:
    """The reader a file name asks for; None when the name says nothing (the content decides)."""
    lower = os.path.basename(name).lower().removesuffix(".gz")
    if lower.endswith(".warc"):
        return "warc"
    return SUFFIX_KINDS.get(os.path.splitext(lower)[1])


def kind_of_url(url: str) -> str | None:
    """The reader a URL's path asks for by its suffix ("/feed.rss"); None for "/news/story"."""
    suffix = os.path.splitext(urlsplit(url).path.lower().removesuffix(".gz"))[1]
    return SUFFIX_KINDS.get(suffix) if suffix else None


def kind_of_content_type(content_type: str | None) -> str | None:
    return CONTENT_TYPE_KINDS.get((content_type or "").split(";")[0].strip().lower())


def charset_of(content_type: str | None) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def sniff(head: bytes) -> str:
    """The reader the first bytes ask for, when neither a name nor a Content-Type tells."""
    if _WARC_MAGIC.match(head):
        return "warc"
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body[:1] == b"<":                      # markup: a feed or a page, else text that starts with a tag
        if looks_like_feed(body) and not looks_like_html(body):
            return "feed"
        return "html" if looks_like_html(body) else "text"
    if body[:1] in (b"{", b"["):
        first, _, rest = body.partition(b"\n")
        try:
            json.loads(first)
        except ValueError:
            return "json"                     # a pretty-printed object or list
        return "jsonl" if body[:1] == b"{" and (not rest.strip() or rest.lstrip()[:1] == b"{") else "json"
    return "text"


def _gunzip(data: bytes, path: str, config: IngestConfig) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inner = read_capped(stream, config.max_bytes)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(path, E_PARSE, f"gzip data is truncated or corrupt: {exc}") from None
    if len(inner) > config.max_bytes:
        raise InputError(path, E_TOO_LARGE, f"decompressed, over the limit of {config.max_bytes:,} bytes "
                                            "(ingest.max_bytes)")
    return inner


def read_bytes(data: bytes, path: str, config: IngestConfig, *, kind: str | None = None,
               content_type: str | None = None, url: str | None = None,
               origin: str | None = None) -> Iterator[RawDocument | Failure]:
    """Documents from one input held in memory. `origin` ("url", "warc") names the format of the HTML and
    text documents that came from there; `url` is where the bytes were fetched from."""
    if not data.strip():
        raise InputError(path, E_EMPTY, "the input is empty")
    if data.startswith(GZIP_MAGIC) and kind != "warc":
        data = _gunzip(data, path, config)
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type.startswith(_UNSUPPORTED_TYPES):
        raise InputError(path, E_FORMAT, f"unsupported content type {media_type}: not a news document format")
    kind = kind or kind_of_content_type(content_type) or (kind_of_url(url) if url else None)
    if kind == "xml":
        kind = "feed" if looks_like_feed(data) else "html" if looks_like_html(data) else None
        if kind is None:
            raise InputError(path, E_FORMAT, "XML that is neither an RSS/Atom feed nor an HTML page")
    # A text file that starts with markup is a saved page or feed more often than an article about tags.
    if kind is None or (kind in ("text", "markdown") and data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"):
        kind = sniff(data[:65536])
    charset = charset_of(content_type)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), path, config)
    elif kind == "html":
        yield read_html(data, path, url=url, fmt=origin or "html", charset=charset)
    elif kind == "feed":
        yield from read_feed(data, path, url=url)
    elif kind == "json":
        yield from read_json(data, path, config)
    elif kind == "jsonl":
        yield from read_jsonl(io.BytesIO(data), path, config)
    elif kind in ("csv", "tsv"):
        yield from read_csv(io.BytesIO(data), path, config, tab=kind == "tsv")
    else:
        text, encoding = decode_bytes(data, path, charset)
        doc = read_text(text, path, origin or kind, encoding)
        doc.url = doc.url or url
        yield doc


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(path, E_MISSING, f"cannot open: {exc.strerror or exc}") from None


def read_file(path: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    """Documents from one file. Its size is checked before anything is read."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        pattern = " (nor any file matching it as a pattern)" if any(c in path for c in "*?[") else ""
        raise InputError(path, E_MISSING, f"cannot open: {exc.strerror or exc}{pattern}") from None
    if not os.path.isfile(path):
        raise InputError(path, E_MISSING, "cannot open: not a regular file")
    kind = kind_of_name(path)
    if kind in STREAMED:
        with _open(path) as raw:
            if kind == "warc":                   # warcio reads .warc.gz members itself
                yield from read_warc(raw, path, config)
                return
            head, stream = peek(raw, 2)
            if head == GZIP_MAGIC:
                stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
            if kind == "jsonl":
                yield from read_jsonl(stream, path, config)
            else:
                yield from read_csv(stream, path, config, tab=kind == "tsv")
        return
    if size > config.max_bytes:
        raise InputError(path, E_TOO_LARGE, f"{size:,} bytes is over the limit of {config.max_bytes:,} "
                                            "(ingest.max_bytes)")
    with _open(path) as fh:
        data = fh.read()
    yield from read_bytes(data, path, config, kind=kind)


def read_stdin(config: IngestConfig) -> Iterator[RawDocument | Failure]:
    """Whatever arrives on standard input: its first bytes say what it is. JSON Lines and WARC stream."""
    stdin = sys.stdin
    raw: BinaryIO = stdin.buffer if hasattr(stdin, "buffer") else io.BytesIO(stdin.read().encode("utf-8"))
    head, stream = peek(raw)
    if head.startswith(GZIP_MAGIC):
        head, stream = peek(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
    kind = sniff(head)
    if kind == "warc":
        yield from read_warc(stream, "-", config)
    elif kind == "jsonl":
        yield from read_jsonl(stream, "-", config)
    else:
        data = read_capped(stream, config.max_bytes)
        if len(data) > config.max_bytes:
            raise InputError("-", E_TOO_LARGE, f"standard input is over the limit of {config.max_bytes:,} bytes "
                                               "(ingest.max_bytes)")
        yield from read_bytes(data, "-", config, kind=kind)

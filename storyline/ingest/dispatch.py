"""Choose a reader by file name, then by content."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from storyline.config import IngestConfig
from storyline.errors import E_BINARY, InputError
from storyline.ingest.decode import decode_bytes
from storyline.ingest.feeds import looks_like_feed, read_feed
from storyline.ingest.html import read_html
from storyline.ingest.records import read_csv, read_json, read_jsonl
from storyline.ingest.warc import read_warc
from storyline.models import Failure, RawDocument

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom")


def _is_warc(name: str, data: bytes) -> bool:
    return name.endswith((".warc", ".warc.gz", ".arc.gz")) or data[:8] == b"WARC/1.0" or data[:8] == b"WARC/1.1"


def read_bytes(data: bytes, path: str, config: IngestConfig, *, suffix: str = "",
               url: str | None = None) -> Iterator[RawDocument | Failure]:
    name = (path.lower() if not suffix else suffix)
    if _is_warc(name, data):
        yield from read_warc(io.BytesIO(data), path)
        return
    if data[:2] == b"\x1f\x8b":
        raise InputError(path, E_BINARY, "gzip-compressed file: only .warc.gz archives are read compressed")
    text = decode_bytes(data, path)
    if name.endswith((".jsonl", ".ndjson")):
        yield from read_jsonl(text, path)
    elif name.endswith(".json"):
        yield from read_json(text, path)
    elif name.endswith((".csv", ".tsv")):
        yield from read_csv(text, path, config.csv_text_columns)
    elif name.endswith(FEED_SUFFIXES) or (name.endswith(".xml") and not re.search(r"<html[\s>]", text[:2000], re.I)):
        yield from read_feed(text, path)
    elif name.endswith(HTML_SUFFIXES) or re.match(r"\s*(<!doctype html|<html[\s>])", text[:500], re.I):
        yield read_html(text, path, url=url)
    elif looks_like_feed(text):
        yield from read_feed(text, path)
    else:
        fmt = "markdown" if name.endswith((".md", ".markdown")) else "text"
        yield RawDocument(path=path, text=text, url=url, format=fmt)

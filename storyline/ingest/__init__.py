"""Ingestion: files, folders, globs, standard input and URLs in; a stream of RawDocument or Failure out.

`read_inputs` is a generator: documents are read one at a time (JSON Lines, CSV and WARC files record by
record), and every problem becomes a Failure naming the input and the problem while the run goes on.

Formats: plain text and Markdown (.txt, .md, no extension), HTML (.html, .htm), JSON Lines (.jsonl,
.ndjson), JSON (.json), CSV/TSV, WARC (.warc, .warc.gz), RSS/Atom (.rss, .atom, .xml), any of these
gzip-compressed (.gz), URLs (http/https) and files listing URLs (.urls, or a .txt of URLs only).
"""

from __future__ import annotations

import gzip
import os
import traceback
import zlib
from collections.abc import Callable, Iterator

from storyline.config import IngestConfig
from storyline.errors import E_EMPTY, E_INTERNAL, E_PARSE, InputError
from storyline.ingest.dispatch import read_bytes, read_file, read_stdin
from storyline.ingest.inputs import iter_input_paths, url_list
from storyline.ingest.urls import Fetcher, check_scheme, looks_like_url
from storyline.models import Failure, RawDocument

__all__ = ["read_inputs", "iter_input_paths"]

Record = RawDocument | Failure


def _one_line(text: str) -> str:
    return " ".join(text.split())


def guarded(path: str, reader: Callable[[], Iterator[Record]]) -> Iterator[Record]:
    """Run one input's reader: what it yields passes through; whatever goes wrong becomes a Failure."""
    try:
        yield from reader()
    except InputError as exc:
        yield Failure(exc.path or path, f"[{exc.code}] {_one_line(exc.detail)}")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Failure(path, f"[{E_PARSE}] compressed (gzip) data is truncated or corrupt: {_one_line(str(exc))}")
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the run
        last = traceback.format_exception_only(type(exc), exc)[-1]
        yield Failure(path, f"[{E_INTERNAL}] internal error while reading: {_one_line(last)}")


class _Session:
    """What a run shares across inputs: the HTTP session, opened on the first URL only."""

    def __init__(self, config: IngestConfig) -> None:
        self.config = config
        self._fetcher: Fetcher | None = None

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read_url(self, url: str) -> Iterator[Record]:
        check_scheme(url)
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config)
        fetched = self._fetcher.fetch(url)
        for item in read_bytes(fetched.body, url, self.config, content_type=fetched.content_type,
                               url=fetched.url, origin="url"):
            if isinstance(item, RawDocument) and item.url is None and item.format == "url":
                item.url = fetched.url
            yield item

    def read_path(self, path: str) -> Iterator[Record]:
        urls = url_list(path, self.config)
        if urls is None:
            yield from read_file(path, self.config)
            return
        if not urls:
            raise InputError(path, E_EMPTY, "the file lists no URLs")
        for url in urls:
            yield from guarded(url, lambda u=url: self.read_url(u))   # type: ignore[misc]


def read_inputs(inputs: list[str], config: IngestConfig | None = None) -> Iterator[Record]:
    """Stream the documents of every input, in order; a Failure for each input (or record) that cannot be read.

    Each input is a file, a folder (recursive, sorted, hidden files skipped), a glob pattern, "-" for
    standard input, an http(s) URL, or a file listing URLs. One bad input never stops the others.
    """
    config = config or IngestConfig()
    session = _Session(config)
    try:
        for path in iter_input_paths(inputs):
            if path == "-":
                yield from guarded(path, lambda: read_stdin(config))
            elif looks_like_url(path) and not os.path.exists(path):
                yield from guarded(path, lambda p=path: session.read_url(p))   # type: ignore[misc]
            else:
                yield from guarded(path, lambda p=path: session.read_path(p))  # type: ignore[misc]
    finally:
        session.close()

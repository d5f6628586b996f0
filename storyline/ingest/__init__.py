"""Ingestion: files, folders, globs, stdin and URLs in; a stream of RawDocument or Failure out.

`read_inputs` is a generator: documents are read one at a time, and a bad input becomes a Failure
naming the input and the problem while the run goes on.
"""

from __future__ import annotations

import glob
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from storyline.config import IngestConfig
from storyline.errors import E_INTERNAL, E_MISSING, E_TOO_LARGE, InputError
from storyline.ingest.dispatch import read_bytes
from storyline.ingest.urls import check_scheme, read_url
from storyline.models import Failure, RawDocument

__all__ = ["read_inputs", "iter_input_paths"]

URL_LIST_SUFFIXES = (".urls",)


def _walk(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def iter_input_paths(inputs: list[str]) -> Iterator[str]:
    """Expand folders (recursively, sorted, hidden files skipped) and globs; pass URLs and '-' through."""
    for item in inputs:
        if item == "-" or "://" in item:
            yield item
        elif os.path.isdir(item):
            yield from _walk(Path(item))
        elif any(ch in item for ch in "*?[") and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item  # reported as missing
            for match in matches:
                yield from _walk(Path(match)) if os.path.isdir(match) else [match]
        else:
            yield item


def _url_list(text: str) -> list[str] | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return lines if lines and all("://" in ln and " " not in ln for ln in lines) else None


def _read_file(path: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise InputError(path, E_MISSING, f"cannot open: {exc.strerror or exc}") from None
    if size > config.max_bytes:
        raise InputError(path, E_TOO_LARGE, f"{size:,} bytes is over the limit of {config.max_bytes:,} (ingest.max_bytes)")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, E_MISSING, f"cannot read: {exc.strerror or exc}") from None
    lower = path.lower()
    if lower.endswith(URL_LIST_SUFFIXES) or (lower.endswith(".txt") and len(data) < 1_000_000):
        urls = _url_list(data.decode("utf-8", "replace"))
        if urls is not None:
            for url in urls:
                yield from _guard(url, lambda u=url: _read_one_url(u, config))
            return
    yield from read_bytes(data, path, config)


def _read_one_url(url: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    check_scheme(url)
    yield from read_url(url, config)


def _read_stdin(config: IngestConfig) -> Iterator[RawDocument | Failure]:
    data = sys.stdin.buffer.read(config.max_bytes + 1)
    if len(data) > config.max_bytes:
        raise InputError("-", E_TOO_LARGE, f"standard input is over the limit of {config.max_bytes:,} bytes")
    yield from read_bytes(data, "-", config)


def _guard(path: str, reader) -> Iterator[RawDocument | Failure]:  # type: ignore[no-untyped-def]
    """Run one input's reader; whatever goes wrong becomes a Failure and the stream goes on."""
    try:
        yield from reader()
    except InputError as exc:
        yield Failure(path, f"[{exc.code}] {exc.detail}")
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop a run
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        yield Failure(path, f"[{E_INTERNAL}] internal error while reading: {last}")


def read_inputs(inputs: list[str], config: IngestConfig | None = None) -> Iterator[RawDocument | Failure]:
    config = config or IngestConfig()
    for path in iter_input_paths(inputs):
        if path == "-":
            yield from _guard(path, lambda: _read_stdin(config))
        elif "://" in path:
            yield from _guard(path, lambda p=path: _read_one_url(p, config))
        else:
            yield from _guard(path, lambda p=path: _read_file(p, config))

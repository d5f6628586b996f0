"""What the user named, expanded: folders (recursive, sorted, hidden entries skipped), glob patterns,
URLs and "-" (standard input); and files that list URLs."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator

from storyline.config import IngestConfig
from storyline.errors import E_MISSING, E_TOO_LARGE, InputError
from storyline.ingest.urls import looks_like_url

_GLOB_CHARS = re.compile(r"[*?[]")
_HTTP_URL = re.compile(r"^https?://\S+$", re.I)
URL_LIST_MAX_BYTES = 1_000_000     # a .txt larger than this is an article, not a list of URLs


def _walk(folder: str) -> Iterator[str]:
    """Files under `folder` in sorted path order ("a/x.txt" before "b.txt"); no hidden entries, no symlinked folders."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        else:
            yield entry.path


def iter_input_paths(inputs: list[str]) -> Iterator[str]:
    """Each input expanded to files, URLs and "-", lazily and in order.

    A folder gives its files recursively in sorted order, skipping hidden files and folders; a glob pattern
    ("news/*.html", "**/*.jsonl") its matches, sorted; a URL (any "scheme://" and the schemes that never
    name a file: file:, javascript:, data:, ...) and "-" pass through; so does a missing path, which the
    reader reports. Files that list URLs are expanded when read, not here.
    """
    for item in inputs:
        if item == "-" or (looks_like_url(item) and not os.path.exists(item)):
            yield item
        elif os.path.isdir(item):
            yield from _walk(item)
        elif _GLOB_CHARS.search(item) and not os.path.exists(item):
            matches = sorted(m for m in glob.glob(item, recursive=True) if not os.path.basename(m).startswith("."))
            if not matches:
                yield item
            for match in matches:
                yield from _walk(match) if os.path.isdir(match) else [match]
        else:
            yield item


def url_list(path: str, config: IngestConfig) -> list[str] | None:
    """The URLs a file lists, one a line ("#" comments and blank lines skipped), or None if it is no list.

    A ".urls" file is always a list (a line that is no http(s) URL is refused when fetched); a ".txt" file
    is one only when every line is an http(s) URL.
    """
    lower = path.lower()
    if not lower.endswith((".urls", ".txt")):
        return None
    try:
        size = os.path.getsize(path)
    except OSError:
        return None                            # the reader reports it
    if lower.endswith(".txt") and size > URL_LIST_MAX_BYTES:
        return None
    if size > config.max_bytes:
        raise InputError(path, E_TOO_LARGE, f"{size:,} bytes is over the limit of {config.max_bytes:,} "
                                            "(ingest.max_bytes)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(256).removeprefix(b"\xef\xbb\xbf").lstrip()
            if lower.endswith(".txt") and not head.lower().startswith((b"http://", b"https://", b"#")):
                return None                    # the common case, an article: decided on 256 bytes
            text = (head + fh.read()).decode("utf-8", "replace")
    except OSError as exc:
        raise InputError(path, E_MISSING, f"cannot open: {exc.strerror or exc}") from None
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if lower.endswith(".urls"):
        return lines
    return lines if lines and all(_HTTP_URL.match(ln) for ln in lines) else None

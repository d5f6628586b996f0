"""Plain text and Markdown: the text as it is, plus the metadata a Markdown front matter block gives."""

from __future__ import annotations

import re

from storyline.errors import E_EMPTY, InputError
from storyline.models import RawDocument

# Front matter as static-site generators write it: "---", "key: value" lines, "---". Only flat string
# keys are read, so no YAML library is needed (and none is a dependency).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*$", re.M)
_KEYS = {"title": "title", "date": "published", "published": "published", "pubdate": "published",
         "publishdate": "published", "lastmod": "modified", "updated": "modified", "modified": "modified",
         "author": "authors", "authors": "authors", "url": "url", "link": "url", "source": "source",
         "publisher": "source", "lang": "language", "language": "language"}


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str | list[str]] = {}
    for line in m.group(1).splitlines():
        kv = _KEY_VALUE.match(line)
        field = _KEYS.get(kv.group(1).lower()) if kv else None
        if not kv or not field or field in meta or not kv.group(2):
            continue
        value = kv.group(2)
        if field == "authors":
            items = value.strip("[]").split(",") if value.startswith("[") else [value]
            meta[field] = [_unquote(a.strip()) for a in items if a.strip()]
        else:
            meta[field] = _unquote(value)
    return meta, text[m.end():]


def read_text(text: str, path: str, fmt: str = "text", encoding: str = "utf-8") -> RawDocument:
    """A RawDocument for plain text ("text") or Markdown ("markdown")."""
    meta: dict[str, str | list[str]] = {}
    if fmt == "markdown":
        meta, text = _front_matter(text)
        if "title" not in meta and (heading := _HEADING.match(text)):
            meta["title"] = heading.group(1)
    if not text.strip():
        raise InputError(path, E_EMPTY, "no text in the input (only whitespace or front matter)")
    authors = meta.get("authors", [])
    doc = RawDocument(
        path=path, text=text, title=_str(meta.get("title")), url=_str(meta.get("url")),
        source=_str(meta.get("source")), authors=authors if isinstance(authors, list) else [authors],
        date_published=_str(meta.get("published")), date_modified=_str(meta.get("modified")),
        language=_str(meta.get("language")), format=fmt,
    )
    if encoding not in ("utf-8", "utf-8-sig"):
        doc.extra["encoding"] = encoding
    return doc


def _str(value: str | list[str] | None) -> str | None:
    return value if isinstance(value, str) else None

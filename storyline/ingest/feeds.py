"""RSS and Atom feeds with feedparser: one document per entry, content preferred over summary."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from storyline.errors import E_FORMAT, E_PARSE, InputError
from storyline.models import Failure, RawDocument


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<(rss|feed|rdf:rdf)[\s>]", head))


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    from lxml import html as lxml_html
    try:
        tree = lxml_html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # noqa: BLE001 - a broken fragment is kept as plain text
        return re.sub(r"<[^>]+>", " ", fragment)
    for block in tree.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        block.tail = ("\n" + block.tail) if block.tail else "\n"
    return re.sub(r"\n\s*\n+", "\n\n", tree.text_content()).strip()


def _iso(parsed: time.struct_time | None, raw: str | None) -> str | None:
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
    return raw


def read_feed(text: str, path: str) -> Iterator[RawDocument | Failure]:
    import feedparser

    if not looks_like_feed(text):
        if re.search(r"<html[\s>]|<!doctype html", text[:2000], re.I):
            raise InputError(path, E_FORMAT, "is an HTML page, not an RSS/Atom feed")
        raise InputError(path, E_FORMAT, "no <rss> or <feed> element: not an RSS/Atom feed")
    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        raise InputError(path, E_PARSE, f"feed has no entries{reason}")
    site = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        where = f"{path}#{index}"
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary") or entry.get("description") or ""
        text_body = _html_to_text(body or "")
        if not text_body.strip():
            yield Failure(where, f"[{E_PARSE}] feed entry {index} has no content or summary")
            continue
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        # feedparser maps a missing "published" to "updated" and back: keep the two apart ourselves.
        keys = set(entry.keys())
        published = _iso(entry.get("published_parsed"), entry.get("published")) if "published" in keys else None
        modified = _iso(entry.get("updated_parsed"), entry.get("updated")) if "updated" in keys else None
        yield RawDocument(
            path=where, text=text_body, title=entry.get("title"), url=entry.get("link"), source=site,
            authors=authors, date_published=published, date_modified=modified, format="feed",
        )
    if parsed.get("bozo") and parsed.entries:
        exc = parsed.get("bozo_exception")
        if exc is not None and "not well-formed" in str(exc):
            yield Failure(path, f"[{E_PARSE}] feed is malformed or truncated after entry {len(parsed.entries) - 1}: {exc}")

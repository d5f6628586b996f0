"""RSS and Atom feeds with feedparser: one document per entry, its full content preferred over the summary.

Entries keep their raw published and updated strings apart (the time stage parses them, keeping the
local day that a conversion to UTC would shift).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from storyline.errors import E_BINARY, E_EMPTY, E_FORMAT, E_PARSE, InputError
from storyline.ingest.decode import binary_kind
from storyline.models import Failure, RawDocument

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)
_FEED_END = re.compile(rb"</(rss|feed|rdf:rdf)\s*>", re.I)
_HTML_ROOT = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "figure", "ul",
           "ol", "table", "section", "article", "header", "footer", "hr")


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_ROOT.search(data[:4096]))


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_ROOT.search(data[:4096]))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one line per block element."""
    if "<" not in fragment:
        return fragment.strip()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n" + (block.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _body(entry: Any) -> str:
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: ("html" in (c.get("type") or ""), len(c["value"])))
        text = html_to_text(best["value"])
        if text:
            return text
    return html_to_text(entry.get("summary") or "")


def _authors(entry: Any) -> list[str]:
    names = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    if not names and dict.get(entry, "author"):
        names = [entry["author"]]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def read_feed(data: bytes, path: str, *, url: str | None = None) -> Iterator[RawDocument | Failure]:
    import feedparser

    if not looks_like_feed(data):
        if looks_like_html(data):
            raise InputError(path, E_FORMAT, "is an HTML page, not an RSS/Atom feed")
        if kind := binary_kind(data):
            raise InputError(path, E_BINARY, f"binary content ({kind}), not an RSS/Atom feed")
        raise InputError(path, E_FORMAT, "no <rss>, <feed> or <rdf:RDF> element: not an RSS/Atom feed")
    # A file object, never a str: feedparser would take a short str for a URL or a file name and open it.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url} if url else None)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(path, E_PARSE, f"malformed feed: {parsed.get('bozo_exception')}")
        raise InputError(path, E_EMPTY, "the feed has no entries")
    feed_title = parsed.feed.get("title") or None
    rss1 = parsed.get("version", "") in ("rss090", "rss10")
    for index, entry in enumerate(parsed.entries):
        where = f"{path}#{index}"
        text = _body(entry)
        if not text:
            yield Failure(where, f"[{E_EMPTY}] feed entry {index} has no content or summary")
            continue
        # dict.get: feedparser's own get() falls back from "published" to "updated" and back.
        published, updated = dict.get(entry, "published"), dict.get(entry, "updated")
        if rss1 and not published:       # RSS 1.0 dates its items with dc:date, which feedparser calls updated
            published, updated = updated, None
        source = entry.get("source") or {}
        doc = RawDocument(
            path=where, text=text, title=entry.get("title") or None, url=entry.get("link") or None,
            source=source.get("title") or feed_title, authors=_authors(entry), date_published=published,
            date_modified=updated if updated != published else None,
            language=entry.get("language") or parsed.feed.get("language") or None, format="feed",
        )
        if feed_title:
            doc.extra["feed_title"] = feed_title
        yield doc
    if not _FEED_END.search(data[-4096:]):
        raise InputError(path, E_PARSE, f"the feed is truncated: no closing root element after entry {index}")

"""Which outlet published a document: metadata first, then dateline, credit line, URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from storyline.clean.boilerplate import CREDIT_LINE
from storyline.models import Document


def detect_outlet(doc: Document) -> tuple[str | None, str | None]:
    """(outlet, evidence). Evidence is a short human-readable reason."""
    if doc.source:
        return doc.source, "metadata"
    if doc.dateline and doc.dateline.get("outlet"):
        return doc.dateline["outlet"], f"dateline {doc.dateline['text']!r}"
    for line in doc.lines:
        m = CREDIT_LINE.match(line.text.strip())
        if m and line.removed == "credit-line":
            return m.group("abbr"), f"credit line {line.text.strip()!r}"
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        host = host.removeprefix("www.").removeprefix("m.")
        if host:
            return host, f"url {doc.url}"
    return None, None

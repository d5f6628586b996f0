"""One structured record (a JSON object, a CSV row) to a RawDocument, by news-please field names and
their common aliases, matched case-insensitively."""

from __future__ import annotations

import re
from typing import Any

from storyline.errors import E_EMPTY, E_PARSE, InputError
from storyline.models import RawDocument

# news-please names first, then the aliases other exporters use.
TITLE = ("title", "headline")
URL = ("url", "link", "canonical_url", "permalink")
SOURCE = ("source", "source_name", "outlet", "site_name", "sitename", "publisher", "source_domain", "domain")
AUTHORS = ("authors", "author", "byline", "creator")
PUBLISHED = ("date_publish", "date_published", "datepublished", "published", "published_at", "publish_date",
             "pubdate", "date")
MODIFIED = ("date_modify", "date_modified", "datemodified", "modified", "updated", "updated_at", "last_modified")
LANGUAGE = ("language", "lang", "inlanguage")
CRAWLED = ("date_download", "crawl_date", "crawled_at", "fetched_at")  # crawl time: never a publication date


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _str(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None


def _text(value: Any) -> str | None:
    if isinstance(value, list):          # some exports keep the body as a list of paragraphs
        value = "\n\n".join(str(p) for p in value if isinstance(p, (str, int, float)))
    return value if isinstance(value, str) and value.strip() else None


def _authors(value: Any) -> list[str]:
    # A single string may list several names with ";" or "|" (never split on ",": "Smith, John").
    items = value if isinstance(value, list) else re.split(r"\s*[;|]\s*", value) if isinstance(value, str) else [value]
    return [name for name in (_str(item) for item in items) if name]


def record_to_document(record: Any, path: str, fmt: str, text_fields: tuple[str, ...]) -> RawDocument:
    """A RawDocument from one record; E_PARSE if it is not an object, E_EMPTY if it has no text."""
    if not isinstance(record, dict):
        raise InputError(path, E_PARSE, f"expected an object with a text field, got {type(record).__name__}")
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    text = next((t for t in (_text(lowered.get(f)) for f in text_fields) if t), None)
    if text is None:
        raise InputError(path, E_EMPTY, f"no text in any of the fields {', '.join(text_fields)}")
    doc = RawDocument(
        path=path, text=text, title=_str(_first(lowered, TITLE)), url=_str(_first(lowered, URL)),
        source=_str(_first(lowered, SOURCE)), authors=_authors(_first(lowered, AUTHORS)),
        date_published=_str(_first(lowered, PUBLISHED)), date_modified=_str(_first(lowered, MODIFIED)),
        language=_str(_first(lowered, LANGUAGE)), format=fmt,
    )
    crawled = _str(_first(lowered, CRAWLED))
    if crawled:
        doc.extra["crawl_date"] = crawled
    if _str(lowered.get("source_domain")):
        doc.extra["source_domain"] = _str(lowered["source_domain"])
    return doc

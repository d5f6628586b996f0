"""schema.org JSON-LD in <script type="application/ld+json">: the article's own headline, dates (with their
time of day), authors and publisher.

trafilatura reads JSON-LD too, but returns dates at day precision and merges published and modified;
this keeps them as written.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

# Lower rank wins: a NewsArticle beats a generic Article, which beats the WebPage around it.
_NEWS_TYPES = {"newsarticle", "reportagenewsarticle", "analysisnewsarticle", "backgroundnewsarticle",
               "opinionnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "liveblogposting"}
_ARTICLE_TYPES = {"article", "blogposting", "report", "scholarlyarticle", "socialmediaposting", "techarticle",
                  "posting", "discussionforumposting"}
_PAGE_TYPES = {"webpage", "itempage", "collectionpage"}


def _rank(node: dict[str, Any]) -> int | None:
    types = node.get("@type")
    names = {str(t).lower().rsplit("/", 1)[-1] for t in (types if isinstance(types, list) else [types]) if t}
    if names & _NEWS_TYPES:
        return 0
    if names & _ARTICLE_TYPES:
        return 1
    if names & _PAGE_TYPES:
        return 2
    return None


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (dict, list)):
                yield from _nodes(data[key], depth + 1)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float))), None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return html.unescape(value).strip() or None if isinstance(value, str) else None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [html.unescape(value).strip()] if value.strip() else []
    if isinstance(value, dict):
        name = _text(value.get("name"))
        return [name] if name else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _url(node: dict[str, Any]) -> str | None:
    url = _text(node.get("url"))
    page = node.get("mainEntityOfPage")
    if not url and isinstance(page, dict):
        url = _text(page.get("@id") or page.get("url"))
    elif not url and isinstance(page, str):
        url = page
    return url if url and url.startswith(("http://", "https://")) else None


def _fields(node: dict[str, Any]) -> dict[str, Any]:
    publisher = node.get("publisher") or node.get("sourceOrganization")
    return {
        "headline": _text(node.get("headline")) or _text(node.get("name")),
        "datePublished": _text(node.get("datePublished")) or _text(node.get("dateCreated")),
        "dateModified": _text(node.get("dateModified")),
        "authors": list(dict.fromkeys(_names(node.get("author")) or _names(node.get("creator")))),
        "publisher": (_names(publisher) or [None])[0],
        "url": _url(node),
        "language": _text(node.get("inLanguage")),
        "text": _text(node.get("articleBody")),
    }


def parse_jsonld(scripts: list[str]) -> dict[str, Any]:
    """Fields of the page's article node, each missing one taken from the next best node; {} if none."""
    found: list[tuple[int, int, dict[str, Any]]] = []
    for script in scripts:
        try:
            data = json.loads(script, strict=False)     # strict=False: raw newlines inside strings are common
        except ValueError:
            continue
        for node in _nodes(data):
            rank = _rank(node)
            if rank is not None:
                found.append((rank, len(found), node))
    merged: dict[str, Any] = {}
    for _, _, node in sorted(found, key=lambda item: item[:2]):
        for key, value in _fields(node).items():
            if value and not merged.get(key):
                merged[key] = value
    return merged

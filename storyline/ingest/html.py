"""HTML pages through trafilatura (main text + metadata), htmldate for published vs modified dates,
and JSON-LD NewsArticle read directly since it carries the most precise dates."""

from __future__ import annotations

import json
import logging
from typing import Any

from lxml import html as lxml_html

from storyline.errors import E_EMPTY, E_PARSE, InputError
from storyline.models import RawDocument

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "webpage", "backgroundnewsarticle", "opinionnewsarticle"}


def _walk_jsonld(node: Any):
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk_jsonld(node["@graph"])


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def read_jsonld(tree: Any) -> dict[str, Any]:
    """The first article-like JSON-LD object's fields, as plain values."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        for node in _walk_jsonld(data):
            types = node.get("@type")
            types = [types] if isinstance(types, str) else types or []
            if any(str(t).lower() in _ARTICLE_TYPES for t in types):
                return {
                    "headline": node.get("headline") or node.get("name"),
                    "datePublished": node.get("datePublished"),
                    "dateModified": node.get("dateModified"),
                    "authors": _names(node.get("author")),
                    "publisher": (_names(node.get("publisher")) or [None])[0],
                    "url": node.get("url") or (node.get("mainEntityOfPage") or {}).get("@id")
                    if isinstance(node.get("mainEntityOfPage"), dict) else node.get("url"),
                    "text": node.get("articleBody"),
                }
    return {}


def read_html(text: str, path: str, url: str | None = None, fmt: str = "html") -> RawDocument:
    import trafilatura
    from htmldate import find_date

    try:
        tree = lxml_html.fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise InputError(path, E_PARSE, f"unreadable HTML: {exc}") from None
    ld = read_jsonld(tree)
    extracted = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False,
                                            favor_precision=True)
    body = (extracted.text if extracted else None) or ld.get("text") or ""
    if not body.strip():
        fallback = " ".join(tree.xpath("//body//text()")).strip() if tree is not None else ""
        body = fallback
    if not body.strip():
        raise InputError(path, E_EMPTY, "no article text found in the HTML page")
    published = ld.get("datePublished") or find_date(tree, original_date=True, outputformat="%Y-%m-%d", url=url)
    modified = ld.get("dateModified") or find_date(tree, original_date=False, outputformat="%Y-%m-%d", url=url)
    if modified == published and not ld.get("dateModified"):
        modified = None
    authors = ld.get("authors") or ([a.strip() for a in extracted.author.split(";")] if extracted and extracted.author else [])
    return RawDocument(
        path=path, text=body, title=ld.get("headline") or (extracted.title if extracted else None),
        url=url or ld.get("url") or (extracted.url if extracted else None),
        source=ld.get("publisher") or (extracted.sitename if extracted else None), authors=authors,
        date_published=published, date_modified=modified,
        language=extracted.language if extracted else None, format=fmt,
    )

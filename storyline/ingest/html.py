"""HTML pages: main text and metadata through trafilatura; published and modified dates kept apart.

Dates, most precise first: JSON-LD datePublished/dateModified (as written, time included), then the
Open Graph article:published_time / article:modified_time meta tags, then htmldate (original_date=True
for published - what trafilatura's own `date` is - and original_date=False for modified).
"""

from __future__ import annotations

import logging
from typing import Any

from storyline.errors import E_EMPTY, E_PARSE, InputError
from storyline.ingest.decode import declared_charset, decode_bytes
from storyline.ingest.jsonld import parse_jsonld
from storyline.models import RawDocument

# trafilatura and htmldate log every odd page at WARNING/ERROR; a run over thousands of pages would drown.
for _name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                   "publishdate", "dc.date.issued", "dcterms.issued", "sailthru.date", "parsely-pub-date")
_MODIFIED_META = ("article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
                  "dcterms.modified", "last-modified", "lastmod")


def _meta_tags(tree: Any) -> dict[str, str]:
    """First content of each <meta> by its property/name/itemprop, lower-cased."""
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = (meta.get("content") or "").strip()
        if key and content:
            tags.setdefault(key.strip().lower(), content)
    return tags


def _first(tags: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((tags[k] for k in keys if k in tags), None)


def _language(tree: Any, tags: dict[str, str]) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang") or tags.get("content-language") or tags.get("og:locale")
    return lang.strip().replace("_", "-") if lang and lang.strip() else None


def _day(value: str | None) -> str:
    return (value or "")[:10]


def _without_invented_day(date: str | None, tree: Any, url: str | None, original: bool) -> str | None:
    """htmldate's date, less the days its text-search fallbacks invent: a copyright year or a lone year
    becomes 1 January, "March 2024" the 1st. A 1st of the month stands only when the page's markup or URL
    gives it too (htmldate without extensive_search); otherwise the time stage dates the text."""
    from htmldate import find_date

    if date and date[:10].endswith("-01"):
        date = find_date(tree, extensive_search=False, original_date=original, outputformat="%Y-%m-%d", url=url)
    return date


def read_html(source: str | bytes, path: str, *, url: str | None = None, fmt: str = "html",
              charset: str | None = None) -> RawDocument:
    """One RawDocument from an HTML page (str, or bytes decoded by `charset`, the page's <meta>, or a guess).

    `url` is where the page was read from (a fetched or archived URL); a file's page gives its canonical URL.
    A truncated page still gives whatever text it has; a page with no text raises E_EMPTY.
    """
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html

    encoding = "utf-8"
    if isinstance(source, bytes):
        source, encoding = decode_bytes(source, path, charset or declared_charset(source))
    elif not source.strip():
        raise InputError(path, E_EMPTY, "the input is empty")
    tree = load_html(source)
    if tree is None:
        raise InputError(path, E_PARSE, "not a readable HTML page")
    scripts = [s.text for s in tree.iter("script") if s.text and "ld+json" in (s.get("type") or "").lower()]
    ld = parse_jsonld(scripts) if scripts else {}
    tags = _meta_tags(tree)
    # trafilatura copies the tree it is given, so it can be shared with the reads above.
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    body = (found.text if found else None) or ld.get("text") or ""
    if not body.strip():
        body = trafilatura.baseline(tree)[1]        # short or odd pages: all paragraph text
    if not body.strip():
        raise InputError(path, E_EMPTY, "no article text found in the HTML page")

    published = ld.get("datePublished") or _first(tags, _PUBLISHED_META)
    if not published and found and found.date:
        published = _without_invented_day(found.date, tree, url, original=True)
    modified = ld.get("dateModified") or _first(tags, _MODIFIED_META)
    if not modified:
        latest = find_date(tree, original_date=False, outputformat="%Y-%m-%d", url=url)
        latest = _without_invented_day(latest, tree, url, original=False)
        modified = latest if latest and _day(latest) > _day(published) else None
    canonical = ld.get("url") or (found.url if found else None)
    authors = ld.get("authors") or ([a.strip() for a in found.author.split(";") if a.strip()]
                                    if found and found.author else [])
    doc = RawDocument(
        path=path, text=body, title=ld.get("headline") or (found.title if found else None), url=url or canonical,
        source=ld.get("publisher") or tags.get("og:site_name") or (found.sitename if found else None),
        authors=authors, date_published=published, date_modified=modified,
        language=ld.get("language") or _language(tree, tags) or (found.language if found else None), format=fmt,
    )
    if url and canonical and canonical != url:
        doc.extra["canonical_url"] = canonical
    if encoding not in ("utf-8", "utf-8-sig"):
        doc.extra["encoding"] = encoding
    return doc

"""Fetching URLs: http(s) only, with a timeout, a bounded number of redirects and a size cap."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import requests

from storyline.config import IngestConfig
from storyline.errors import E_FETCH, E_SCHEME, InputError
from storyline.models import Failure, RawDocument

USER_AGENT = "storyline/0.1 (+news timeline builder)"


def is_url(value: str) -> bool:
    return "://" in value and urlsplit(value).scheme.lower() in ("http", "https")


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(url, E_SCHEME, f"refused: only http and https URLs are fetched, not {scheme or 'no'}:")


def fetch(url: str, config: IngestConfig) -> tuple[bytes, str, str]:
    """(body, content type, final URL)."""
    check_scheme(url)
    session = requests.Session()
    session.max_redirects = config.url_max_redirects
    try:
        with session.get(url, timeout=config.url_timeout, stream=True, headers={"User-Agent": USER_AGENT}) as resp:
            for hop in resp.history + [resp]:
                check_scheme(hop.url)
            if resp.status_code >= 400:
                raise InputError(url, E_FETCH, f"HTTP {resp.status_code} {resp.reason}")
            declared = int(resp.headers.get("Content-Length") or 0)
            if declared > config.url_max_bytes:
                raise InputError(url, E_FETCH, f"too large: {declared} bytes (limit {config.url_max_bytes})")
            body = bytearray()
            for chunk in resp.iter_content(65536):
                body.extend(chunk)
                if len(body) > config.url_max_bytes:
                    raise InputError(url, E_FETCH, f"too large: over {config.url_max_bytes} bytes")
            return bytes(body), resp.headers.get("Content-Type", ""), resp.url
    except requests.TooManyRedirects:
        raise InputError(url, E_FETCH, f"more than {config.url_max_redirects} redirects") from None
    except requests.Timeout:
        raise InputError(url, E_FETCH, f"timed out after {config.url_timeout:g} s") from None
    except requests.RequestException as exc:
        raise InputError(url, E_FETCH, f"fetch failed: {exc.__class__.__name__}: {exc}") from None


def read_url(url: str, config: IngestConfig) -> Iterator[RawDocument | Failure]:
    from storyline.ingest.dispatch import read_bytes

    body, content_type, final = fetch(url, config)
    kind = content_type.split(";")[0].strip().lower()
    hint = {"text/html": ".html", "application/xhtml+xml": ".html", "application/rss+xml": ".rss",
            "application/atom+xml": ".atom", "application/json": ".json", "application/x-ndjson": ".jsonl",
            "text/csv": ".csv", "text/plain": ".txt", "application/xml": ".xml", "text/xml": ".xml"}.get(kind, "")
    for item in read_bytes(body, url, config, suffix=hint, url=final):
        if isinstance(item, RawDocument):
            item.url = item.url or final
            item.format = "url" if item.format in ("text", "html") else item.format
        yield item

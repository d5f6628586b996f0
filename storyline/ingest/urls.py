"""Fetching URLs with requests: http(s) only (every redirect hop checked too), a timeout on every
connect and read plus an overall deadline, at most ingest.url_max_redirects redirects, and a size cap
that stops the download as soon as it is passed."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from storyline.config import IngestConfig
from storyline.errors import E_FETCH, E_SCHEME, InputError

USER_AGENT = "storyline/0.1 (news timeline builder; +https://pypi.org/project/storyline/)"
# Anything "scheme:..." that is not a path on this machine; one letter is a Windows drive, not a scheme.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_NON_FILE_SCHEMES = ("javascript", "data", "mailto", "file", "ftp", "ftps", "sftp", "about", "vbscript", "blob")
DEADLINE_FACTOR = 4   # a whole download may take this many url_timeouts: a server dripping bytes stops too


def looks_like_url(value: str) -> bool:
    m = _SCHEME.match(value)
    return bool(m) and ("://" in value or m.group(1).lower() in _NON_FILE_SCHEMES)


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if not scheme:
        raise InputError(url, E_SCHEME, "refused: not a URL (it should start with http:// or https://)")
    if scheme not in ("http", "https"):
        raise InputError(url, E_SCHEME, f"refused: only http and https URLs are fetched, not {scheme}: URLs")


@dataclass(slots=True)
class Fetched:
    body: bytes
    content_type: str     # the Content-Type header, "" when absent
    url: str              # after redirects


class Fetcher:
    """One requests session (connection reuse) for all the URLs of a run."""

    def __init__(self, config: IngestConfig) -> None:
        import requests

        self.config = config
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.session.close()

    def fetch(self, url: str) -> Fetched:
        import requests
        import urllib3

        cfg = self.config
        check_scheme(url)
        deadline = time.monotonic() + DEADLINE_FACTOR * cfg.url_timeout
        try:
            current = url
            # Redirects followed here, not by requests, so each hop's scheme is checked before it is fetched.
            for _ in range(cfg.url_max_redirects + 1):
                response = self.session.get(current, timeout=cfg.url_timeout, stream=True, allow_redirects=False)
                if not response.is_redirect:
                    break
                response.close()
                current = urljoin(current, response.headers["Location"])
                try:
                    check_scheme(current)
                except InputError as exc:
                    raise InputError(url, E_SCHEME, f"redirected to {current}: {exc.detail}") from None
            else:
                raise InputError(url, E_FETCH, f"more than {cfg.url_max_redirects} redirects (ingest.url_max_redirects)")
            with response:
                return Fetched(self._body(url, response, deadline), response.headers.get("Content-Type", ""), current)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            if not _timed_out(exc):
                raise InputError(url, E_FETCH, f"fetch failed: {_short(exc)}") from None
            raise InputError(url, E_FETCH, f"timed out after {cfg.url_timeout:g} s (ingest.url_timeout)") from None

    def _body(self, url: str, response: Any, deadline: float) -> bytes:
        cfg = self.config
        if response.status_code >= 400:
            raise InputError(url, E_FETCH, f"HTTP {response.status_code} {response.reason or ''}".strip())
        too_large = f"too large: over {cfg.url_max_bytes:,} bytes (ingest.url_max_bytes)"
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cfg.url_max_bytes:
            raise InputError(url, E_FETCH, too_large)
        body = bytearray()
        # read1: whatever one socket read gives, so the deadline is checked between reads even when a server
        # drips a byte at a time (iter_content would block until a whole chunk had arrived). The bytes are
        # decoded (gzip) ones, so the cap also stops zip bombs.
        while chunk := response.raw.read1(65536, decode_content=True):
            body += chunk
            if len(body) > cfg.url_max_bytes:
                raise InputError(url, E_FETCH, too_large)
            if time.monotonic() > deadline:
                raise InputError(url, E_FETCH, f"timed out: the download took over "
                                               f"{DEADLINE_FACTOR * cfg.url_timeout:g} s "
                                               f"({DEADLINE_FACTOR} x ingest.url_timeout)")
        return bytes(body)


def _timed_out(exc: Exception) -> bool:
    """requests raises Timeout while connecting but a ConnectionError wrapping urllib3's ReadTimeoutError
    when a read of the body times out."""
    import requests
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    return isinstance(exc, requests.Timeout) or any(isinstance(a, Urllib3Timeout) for a in exc.args)


def _short(exc: Exception) -> str:
    """requests' messages nest the cause inside pool details: keep the innermost reason, on one line."""
    reason: BaseException = exc
    while reason.__context__ is not None and not isinstance(reason, OSError):
        reason = reason.__context__
    text = " ".join(str(reason).split()) or type(reason).__name__
    return f"{type(exc).__name__}: {text[:300]}"

"""URL ingestion against a real HTTP server on loopback."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.config import IngestConfig
from storyline.ingest import read_inputs
from storyline.models import Failure, RawDocument
from tests.ingest.test_ingest_core import HTML, RSS


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, body: bytes, ctype: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        if self.path == "/page":
            self._send(HTML.encode(), "text/html; charset=utf-8")
        elif self.path == "/feed":
            self._send(RSS.encode(), "application/rss+xml")
        elif self.path.startswith("/loop"):
            n = int(self.path.rsplit("/", 1)[-1])
            self.send_response(302)
            self.send_header("Location", f"/loop/{n + 1}")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2)
            self._send(b"late", "text/plain")
        elif self.path == "/huge":
            self._send(b"x " * 200_000, "text/plain")
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        else:
            self._send(b"not here", "text/plain", 404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def read(inputs, **cfg):
    config = IngestConfig(url_timeout=0.5, url_max_redirects=3, url_max_bytes=100_000, **cfg)
    items = list(read_inputs(inputs, config))
    return [i for i in items if isinstance(i, RawDocument)], {f.path: f.reason for f in items if isinstance(i := f, Failure)}


def test_html_page_and_feed_by_content_type(server):
    docs, failures = read([f"{server}/page", f"{server}/feed"])
    assert not failures
    assert docs[0].title == "Council closes old bridge" and docs[0].url == f"{server}/page"
    assert [d.title for d in docs[1:]] == ["Bridge", "Ferry"]


def test_url_failures_are_named(server, tmp_path):
    urls = [f"{server}/loop/0", f"{server}/slow", f"{server}/huge", f"{server}/missing", "file:///etc/passwd",
            f"{server}/to-file"]
    listing = tmp_path / "list.urls"
    listing.write_text("\n".join(urls) + "\n")
    docs, failures = read([str(listing)])
    assert docs == []
    assert "redirects" in failures[urls[0]]
    assert "timed out" in failures[urls[1]]
    assert "too large" in failures[urls[2]]
    assert "HTTP 404" in failures[urls[3]]
    assert "[E007]" in failures[urls[4]]
    assert failures[urls[5]].startswith("[E00")

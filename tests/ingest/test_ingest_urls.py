"""URL ingestion against a real HTTP server on loopback: content types, redirects, timeouts, size caps,
HTTP errors and refused schemes."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.ingest.ingest_samples import ARTICLE, ATOM, HTML, RSS, read, reasons


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, body: bytes, ctype: str, status: int = 200, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        routes = {
            "/page": lambda: self._send(HTML.encode(), "text/html; charset=utf-8"),
            "/feed": lambda: self._send(RSS.encode(), "application/rss+xml"),
            "/api": lambda: self._send(json.dumps([{"title": "J", "maintext": ARTICLE}]).encode(), "application/json"),
            "/plain": lambda: self._send(ARTICLE.encode("cp1252"), "text/plain; charset=windows-1252"),
            "/moved": lambda: self._redirect("/hop/2"),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
            "/huge": lambda: self._send(b"x " * 200_000, "text/plain"),
            "/huge-unannounced": lambda: self._send(b"x " * 200_000, "text/plain", length=False),
            "/image": lambda: self._send(b"\x89PNG\r\n\x1a\n....", "image/png"),
        }
        if self.path in routes:
            routes[self.path]()
        elif self.path.startswith("/hop/"):
            n = int(self.path.rsplit("/", 1)[-1])
            self._redirect(f"/hop/{n - 1}") if n > 0 else self._send(HTML.encode(), "text/html")
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(b"late", "text/plain")
        elif self.path == "/drip":                 # each byte well inside the timeout, the whole far beyond it
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        elif self.path == "/gzipped":
            body = gzip.compress(HTML.encode())
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/chunked":
            self.protocol_version = "HTTP/1.1"
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            data = ATOM.encode()
            for i in range(0, len(data), 100):
                piece = data[i:i + 100]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self._send(b"not here", "text/plain", 404)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a client giving up early (a timeout) is expected here
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(inputs, **cfg):
    return read(inputs, **{"url_timeout": 0.3, "url_max_redirects": 3, "url_max_bytes": 100_000, **cfg})


def test_documents_by_content_type(server):
    docs, failures = fetch([f"{server}/page", f"{server}/feed", f"{server}/api", f"{server}/plain"])
    assert [f.path for f in failures] == [f"{server}/feed#2"]     # the headline-only entry
    page, bridge, ferry, api, plain = docs
    assert page.title == "Council closes old bridge" and page.format == "url" and page.path == f"{server}/page"
    assert page.url == f"{server}/page" and page.extra["canonical_url"] == "https://example.org/news/bridge"
    assert page.date_published == "2024-03-05T09:30:00+01:00"
    assert (bridge.title, ferry.title, bridge.format, bridge.url) == ("Bridge", "Ferry", "feed", "https://example.org/bridge")
    assert (api.title, api.format, api.path) == ("J", "json", f"{server}/api#0")
    assert plain.text == ARTICLE and plain.format == "url" and plain.url == f"{server}/plain"


def test_redirects_are_followed_up_to_the_limit(server):
    [doc], _ = fetch([f"{server}/moved"])
    assert doc.url == f"{server}/hop/0" and doc.path == f"{server}/moved"
    _, failures = fetch([f"{server}/hop/4"])
    assert reasons(failures)[f"{server}/hop/4"] == "[E006] more than 3 redirects (ingest.url_max_redirects)"


def test_url_failures_are_named(server, tmp_path):
    urls = [f"{server}/slow", f"{server}/huge", f"{server}/huge-unannounced", f"{server}/missing",
            "file:///etc/passwd", f"{server}/to-file", "javascript:alert(1)", "ftp://example.org/x", f"{server}/image"]
    listing = tmp_path / "list.urls"
    listing.write_text("# one URL a line\n\n" + "\n".join(urls) + "\n")
    docs, failures = fetch([listing])
    why = reasons(failures)
    assert docs == [] and len(failures) == len(urls)
    assert why[urls[0]] == "[E006] timed out after 0.3 s (ingest.url_timeout)"
    assert why[urls[1]] == why[urls[2]] == "[E006] too large: over 100,000 bytes (ingest.url_max_bytes)"
    assert why[urls[3]] == "[E006] HTTP 404 Not Found"
    assert why[urls[4]] == "[E007] refused: only http and https URLs are fetched, not file: URLs"
    assert why[urls[5]] == ("[E007] redirected to file:///etc/passwd: refused: only http and https URLs are "
                            "fetched, not file: URLs")
    assert why[urls[6]].startswith("[E007]") and why[urls[7]].startswith("[E007]")
    assert why[urls[8]] == "[E008] unsupported content type image/png: not a news document format"


def test_refused_schemes_given_directly_and_a_closed_port():
    with socket.socket() as sock:                 # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/x"
    _, failures = fetch(["file:///etc/passwd", "javascript:alert(1)", closed])
    why = reasons(failures)
    assert why["file:///etc/passwd"].startswith("[E007]") and why["javascript:alert(1)"].startswith("[E007]")
    assert why[closed].startswith("[E006] fetch failed: ConnectionError:") and "refused" in why[closed]


def test_a_txt_file_of_urls_is_a_url_list(server, tmp_path):
    (tmp_path / "links.txt").write_text(f"{server}/page\n{server}/plain\n")
    (tmp_path / "article.txt").write_text(f"{ARTICLE}\nSee {server}/page\n")
    docs, failures = fetch([tmp_path / "links.txt", tmp_path / "article.txt"])
    assert not failures and [d.path for d in docs] == [f"{server}/page", f"{server}/plain", str(tmp_path / "article.txt")]


def test_a_server_dripping_bytes_is_stopped_by_the_deadline(server):
    # 40 bytes, one each 0.05 s: no single read times out, the whole download passes 4 x url_timeout (0.4 s).
    _, [failure] = fetch([f"{server}/drip"], url_timeout=0.1)
    assert failure.reason == "[E006] timed out: the download took over 0.4 s (4 x ingest.url_timeout)"


def test_gzip_encoded_and_chunked_responses(server):
    docs, failures = fetch([f"{server}/gzipped", f"{server}/chunked"])
    assert not failures
    assert docs[0].title == "Council closes old bridge" and ARTICLE in docs[0].text
    assert docs[1].format == "feed" and docs[1].date_modified == "2024-03-07T10:00:00Z"


def test_brief_limits_half_second_timeout_and_small_body_cap(server):
    urls = [f"{server}/page", f"{server}/slow", f"{server}/feed", f"{server}/hop/3", "ftp://example.org/a.html"]
    docs, failures = fetch(urls, url_timeout=0.5, url_max_redirects=2, url_max_bytes=1000)
    why = reasons(failures)
    assert docs == []                              # the page and the feed are both over 1,000 bytes
    assert why == {
        urls[0]: "[E006] too large: over 1,000 bytes (ingest.url_max_bytes)",
        urls[1]: "[E006] timed out after 0.5 s (ingest.url_timeout)",
        urls[2]: "[E006] too large: over 1,000 bytes (ingest.url_max_bytes)",
        urls[3]: "[E006] more than 2 redirects (ingest.url_max_redirects)",
        urls[4]: "[E007] refused: only http and https URLs are fetched, not ftp: URLs",
    }

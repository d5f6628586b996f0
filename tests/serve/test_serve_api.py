"""The HTTP API against a real `storyline serve` on loopback."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import httpx
import pytest

from storyline.config import Config
from storyline.store.db import open_store, transaction
from storyline.store.incremental import add_records
from storyline.store.views import write_story
from tests.serve.story_fixture import HOSTILE, SCRIPT, Server, hostile_story, write_build_dir
from tests.store.test_store_incremental import _article

TOKEN = "a-test-token-of-32-characters!!!"


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    """A store whose served story is the fixture story."""
    path = tmp_path_factory.mktemp("api") / "story.db"
    conn = open_store(path)
    with transaction(conn):
        write_story(conn, hostile_story())
    conn.close()
    server = Server(path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api(story_server):
    with httpx.Client(base_url=story_server.url, timeout=30) as client:
        yield client


def _ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_openapi_and_info(api):
    spec = api.get("/openapi.json").json()
    for path in (
        "/api/timeline",
        "/api/events/{event_id}",
        "/api/documents",
        "/api/search",
        "/api/states",
        "/api/claims",
        "/api/export/story.json",
        "/api/export/timeline.csv",
    ):
        assert path in spec["paths"]
    info = api.get("/api/info").json()
    assert (info["documents"], info["entities"], info["events"], info["writable"]) == (3, 3, 5, True)


def test_timeline_order_and_filters(api):
    assert _ids(api.get("/api/timeline").json()) == ["v1", "v2", "v3", "v4", "v5"]
    # date range keeps events whose (precision-wide) interval overlaps it; undated ones drop out
    assert _ids(api.get("/api/timeline", params={"from": "2024-06-15", "to": "2024-12"}).json()) == [
        "v3",
        "v4",
    ]
    assert _ids(api.get("/api/timeline", params={"to": "2024-03-05"}).json()) == ["v1"]
    assert _ids(api.get("/api/timeline", params={"entity": "e2"}).json()) == ["v3", "v4"]
    assert _ids(api.get("/api/timeline", params={"type": "reopen", "modality": "planned"}).json()) == ["v3"]
    assert _ids(
        api.get("/api/timeline", params=[("modality", "planned"), ("modality", "reported")]).json()
    ) == ["v3", "v4"]
    assert _ids(api.get("/api/timeline", params={"outlet": "Valley Post"}).json()) == ["v4", "v5"]
    assert _ids(api.get("/api/timeline", params={"q": "ferry"}).json()) == ["v5"]
    assert _ids(api.get("/api/timeline", params={"flagged": "true"}).json()) == ["v3"]
    assert api.get("/api/timeline", params={"from": "not-a-date"}).status_code == 422


def test_pagination(api):
    first = api.get("/api/events", params={"limit": 2}).json()
    second = api.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert (first["total"], _ids(first), _ids(second)) == (5, ["v1", "v2"], ["v3", "v4"])
    assert api.get("/api/events", params={"limit": 100000}).status_code == 422
    assert api.get("/api/events", params={"offset": -1}).status_code == 422


def test_event_detail_carries_its_sources(api):
    ev = api.get("/api/events/v3").json()
    assert ev["flags"] == ["superseded"] and set(ev["documents"]) == {"d1"}
    assert ev["claims"][0]["status"] == "superseded"
    doc = api.get("/api/documents/d1").json()
    mention = ev["mentions"][0]
    assert doc["text"][mention["start"] : mention["end"]] == mention["sentence"]
    assert api.get("/api/events/nope").status_code == 404


def test_documents_entities_search(api):
    assert _ids(api.get("/api/documents", params={"outlet": "Valley Post"}).json()) == ["d2"]
    assert _ids(api.get("/api/documents", params={"from": "2024-05"}).json()) == ["d2"]
    assert _ids(api.get("/api/entities", params={"q": "kwill"}).json()) == [
        "e2"
    ]  # any spelling finds the actor
    hits = api.get("/api/search", params={"q": "bridge reop"}).json()["items"]
    assert {(h["kind"], h["ref"]) for h in hits} >= {("event", "v3"), ("document", "d1")}
    assert any("\ue000" in h["snippet"] for h in hits)
    assert (
        api.get("/api/search", params={"q": '"unbalanced OR ( NEAR'}).status_code == 200
    )  # never an FTS syntax error


def test_states_as_of_and_claims(api):
    assert [s["object"] for s in api.get("/api/states", params={"as_of": "2024-04-01"}).json()["items"]] == [
        "e1",
        "e3",
    ]
    assert [s["subject"] for s in api.get("/api/states", params={"as_of": "2024-10-01"}).json()["items"]] == [
        "e2"
    ]
    assert api.get("/api/states", params={"as_of": "2023-12-31"}).json()["total"] == 0
    flagged = api.get("/api/claims", params={"status": "superseded"}).json()["items"]
    assert [c["doc"] for c in flagged] == ["d1"]


def test_exports(api):
    assert api.get("/api/export/story.json").json() == hostile_story()
    rows = list(csv.reader(io.StringIO(api.get("/api/export/timeline.csv").text)))
    assert rows[0][:3] == ["position", "event", "date"] and len(rows) == 6
    page = api.get("/api/export/story.html").text
    assert SCRIPT not in page and "\\u003cscript\\u003e" in page


def test_security_headers_and_host_check(api):
    r = api.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert api.get("/api/info", headers={"host": "attacker.example"}).status_code == 400


def test_request_size_limit(story_server):
    r = httpx.post(
        story_server.url + "/api/documents", files={"files": ("big.txt", b"x" * 21_000_000)}, timeout=60
    )
    assert r.status_code == 413


def test_read_only_build_folder_refuses_uploads(tmp_path):
    server = Server(write_build_dir(tmp_path / "out", hostile_story()))
    try:
        assert httpx.get(server.url + "/api/info").json()["writable"] is False
        r = httpx.post(server.url + "/api/documents", files={"files": ("a.txt", b"Some text here.")})
        assert r.status_code == 409
    finally:
        server.stop()


def test_upload_adds_to_store(tmp_path):
    path = tmp_path / "story.db"
    add_records(path, [_article(1, "Harbour Gazette")], Config.load().with_section("ingest", workers=1))
    server = Server(path)
    try:
        new = _article(2, "Valley Post").text + "\n" + HOSTILE
        r = httpx.post(
            server.url + "/api/documents", files={"files": ("new one.txt", new.encode())}, timeout=120
        )
        assert r.status_code == 201, r.text
        assert (r.json()["added"], r.json()["documents"]) == (1, 2)
        docs = httpx.get(server.url + "/api/documents").json()["items"]
        assert [d["path"] for d in docs][-1] == "upload/0000-new_one.txt"
        again = httpx.post(
            server.url + "/api/documents", files={"files": ("again.txt", new.encode())}, timeout=120
        )
        assert again.json()["added"] == 0 and again.json()["skipped"]
        assert (
            httpx.post(server.url + "/api/documents", data={"urls": "javascript:alert(1)"}).status_code == 422
        )
    finally:
        server.stop()


def test_token_required_when_set(tmp_path):
    server = Server(write_build_dir(tmp_path / "out", hostile_story()), "--token", TOKEN)
    try:
        assert httpx.get(server.url + "/api/info").status_code == 401
        assert (
            httpx.get(server.url + "/api/info", headers={"authorization": "Bearer wrong"}).status_code == 401
        )
        assert (
            httpx.get(server.url + "/api/info", headers={"authorization": f"Bearer {TOKEN}"}).status_code
            == 200
        )
        assert httpx.get(server.url + "/").status_code == 200  # the page itself holds no data
    finally:
        server.stop()


def test_other_address_needs_a_token(tmp_path):
    folder = write_build_dir(tmp_path / "out", hostile_story())
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    r = subprocess.run(
        [sys.executable, "-m", "storyline.serve.cli", str(folder), "--host", "0.0.0.0", "--port", "9"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 2 and "token" in r.stderr

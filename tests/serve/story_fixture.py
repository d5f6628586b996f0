"""A small story.json (the contract's shape) with every kind of record the page shows, and hostile
article text in every field that reaches the page. Shared by the API and browser tests."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from socket import socket

SCRIPT = "<script>window.__pwned = 'script';</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
LINK = "<a href=\"javascript:window.__pwned = 'link'\">click me</a>"
BREAKOUT = "</script><script>window.__pwned = 'breakout';</script>"
HOSTILE = f"{SCRIPT} {IMG} {LINK} {BREAKOUT}"


def _doc(
    doc_id: str, title: str, source: str, day: str, sentences: list[str], url: str | None = None
) -> dict:
    text, spans, pos = "", [], 0
    for s in sentences:
        if text:
            text += "\n\n"
            pos += 2
        spans.append([pos, pos + len(s)])
        text += s
        pos += len(s)
    return {
        "id": doc_id,
        "path": f"fixture/{doc_id}.txt",
        "source": source,
        "title": title,
        "url": url,
        "authors": [],
        "published": {
            "value": day,
            "granularity": "day",
            "earliest": day,
            "latest": day,
            "method": "metadata",
            "confidence": 1.0,
            "evidence": "fixture",
        },
        "text": text,
        "removed": [],
        "sentences": spans,
        "timexes": [],
        "duplicate_of": None,
        "duplicates": [],
    }


def _mention(doc: dict, sentence: str) -> dict:
    start = doc["text"].index(sentence)
    return {
        "doc": doc["id"],
        "sentence": sentence,
        "start": start,
        "end": start + len(sentence),
        "attributed_to": None,
    }


def hostile_story() -> dict:
    s_vote = "The harbour council voted on 3 March 2024 to close the old bridge for repairs."
    s_reopen = "The bridge will reopen in June 2024, the mayor said."
    s_delay = "The mayor said on 2 May 2024 that the bridge would stay closed until September 2024."
    s_hostile = f"Protesters wrote {HOSTILE} on the bridge barrier on 10 March 2024."
    s_ferry = "A ferry service replaced the bridge for pedestrians."
    gazette = _doc("d1", "Council closes old bridge", "Harbour Gazette", "2024-03-04", [s_vote, s_reopen])
    post = _doc("d2", "Bridge repairs delayed", "Valley Post", "2024-05-02", [s_delay, s_ferry])
    hostile = _doc(
        "d3",
        f"Graffiti {SCRIPT}",
        "Hostile Times",
        "2024-03-11",
        [s_hostile],
        url="javascript:window.__pwned='url'",
    )
    entities = [
        {
            "id": "e1",
            "name": "Harbour Council",
            "type": "ORG",
            "aliases": ["Harbour Council", "the council"],
            "roles": [],
            "mentions": [{"doc": "d1", "start": 4, "end": 19, "text": "harbour council"}],
        },
        {
            "id": "e2",
            "name": "Mara Quill",
            "type": "PERSON",
            "aliases": ["Mara Quill", "Mara Kwill"],
            "roles": [
                {
                    "title": "mayor",
                    "of": "Harbourtown",
                    "as_of": {"value": "2024-05", "granularity": "month"},
                    "evidence": [],
                }
            ],
            "mentions": [{"doc": "d2", "start": 4, "end": 9, "text": "mayor"}],
        },
        {
            "id": "e3",
            "name": f"Protest group {IMG}",
            "type": "ORG",
            "aliases": [f"Protest group {IMG}", LINK],
            "roles": [],
            "mentions": [{"doc": "d3", "start": 0, "end": 10, "text": "Protesters"}],
        },
    ]
    events = [
        {
            "id": "v1",
            "date": {"value": "2024-03-03", "granularity": "day"},
            "summary": "Council votes to close the bridge",
            "type": "decide",
            "modality": "asserted",
            "actors": ["e1"],
            "targets": [],
            "mentions": [_mention(gazette, s_vote)],
            "source_count": 1,
        },
        {
            "id": "v2",
            "date": {"value": "2024-03-10", "granularity": "day"},
            "summary": f"Graffiti {HOSTILE}",
            "type": "protest",
            "modality": "asserted",
            "actors": ["e3"],
            "targets": [],
            "mentions": [_mention(hostile, s_hostile)],
            "source_count": 1,
        },
        {
            "id": "v3",
            "date": {"value": "2024-06", "granularity": "month"},
            "summary": "Bridge to reopen",
            "type": "reopen",
            "modality": "planned",
            "actors": ["e2"],
            "targets": [],
            "mentions": [_mention(gazette, s_reopen)],
            "source_count": 1,
        },
        {
            "id": "v4",
            "date": {"value": "2024-09", "granularity": "month"},
            "summary": "Bridge stays closed until September",
            "type": "reopen",
            "modality": "reported",
            "actors": ["e2"],
            "targets": [],
            "mentions": [_mention(post, s_delay)],
            "source_count": 1,
        },
        {
            "id": "v5",
            "date": None,
            "summary": "Ferry replaces the bridge",
            "type": "transport",
            "modality": "asserted",
            "actors": [],
            "targets": [],
            "mentions": [_mention(post, s_ferry)],
            "source_count": 1,
        },
    ]
    states = [
        {
            "subject": "e2",
            "relation": "holds office",
            "object": "e1",
            "from": {"value": "2024-01", "granularity": "month"},
            "until": None,
            "evidence": ["v3"],
        },
        {
            "subject": "e1",
            "relation": f"closed {SCRIPT}",
            "object": "e3",
            "from": {"value": "2024-03-03", "granularity": "day"},
            "until": {"value": "2024-09", "granularity": "month"},
            "evidence": ["v1"],
        },
    ]
    claims = [
        {
            "doc": "d1",
            "sentence": s_reopen,
            "status": "superseded",
            "by": ["v4", "d2"],
            "explanation": f"a later report moves the reopening to September {IMG}",
        },
        {"doc": "d2", "sentence": s_delay, "status": "current", "by": [], "explanation": ""},
    ]
    return {
        "schema_version": "1",
        "documents": [gazette, post, hostile],
        "entities": entities,
        "events": events,
        "timeline": ["v1", "v2", "v3", "v4", "v5"],
        "states": states,
        "claims": claims,
        "failures": [],
    }


def write_build_dir(folder: Path, story: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.json").write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    return folder


# ---- a real server on loopback -----------------------------------------------------------------


def free_port() -> int:
    with socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`storyline serve` as a subprocess on 127.0.0.1; waits until it answers."""

    def __init__(self, path: Path, *extra: str, env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        repo = Path(__file__).absolute().parents[2]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "storyline.serve.cli", str(path), "--port", str(self.port), *extra],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode())
            try:
                urllib.request.urlopen(self.url + "/static/app.css", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

"""The story as served: story.json (the contract) written into query tables, and read back whole.

Documents are diffed by a hash of their JSON, so an add rewrites only the documents whose output
changed; entities, events, states and claims are corpus-level and are replaced as a whole.
"""

from __future__ import annotations

import calendar
import json
import re
import sqlite3
from typing import Any

from storyline.store.codec import content_hash, dumps
from storyline.store.db import get_meta, set_meta

_SECTIONS = ("documents", "entities", "events", "states", "claims")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def day_interval(date: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """First and last ISO day a date at its precision covers: "2025-04" -> 2025-04-01..2025-04-30."""
    if not date or not date.get("value"):
        return None, None
    m = _ISO.match(date["value"])
    if not m:
        return None, None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    gran = date.get("granularity") or ""
    if day and month:
        d = f"{year:04d}-{month}-{day}"
        return d, d
    if month and 1 <= int(month) <= 12:
        first = int(month)
        last_month = min(first + 2, 12) if gran == "quarter" else first
        last_day = calendar.monthrange(year, last_month)[1]
        return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last_month:02d}-{last_day:02d}"
    span = {"decade": 9, "century": 99}.get(gran, 0)
    return f"{year:04d}-01-01", f"{year + span:04d}-12-31"


def _claim_flags(claims: list[dict[str, Any]]) -> dict[tuple[str, str], set[str]]:
    flags: dict[tuple[str, str], set[str]] = {}
    for claim in claims:
        if claim.get("status") in ("superseded", "contradicted"):
            flags.setdefault((claim.get("doc", ""), claim.get("sentence", "")), set()).add(claim["status"])
    return flags


def write_story(conn: sqlite3.Connection, story: dict[str, Any]) -> None:
    """Replace the served story with `story` (a story.json dict). Call inside a transaction."""
    docs_by_id = _write_documents(conn, story.get("documents", []))
    for table in ("entities", "events", "event_entities", "event_docs", "states", "claims"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM search WHERE kind != 'document'")
    _write_entities(conn, story.get("entities", []))
    _write_events(conn, story, docs_by_id)
    for rank, state in enumerate(story.get("states", [])):
        conn.execute(
            "INSERT INTO states VALUES (?,?,?,?,?,?,?)",
            (
                rank,
                state.get("subject"),
                state.get("relation"),
                state.get("object"),
                day_interval(state.get("from"))[0],
                day_interval(state.get("until"))[1],
                dumps(state),
            ),
        )
    for rank, claim in enumerate(story.get("claims", [])):
        conn.execute(
            "INSERT INTO claims VALUES (?,?,?,?)", (rank, claim.get("doc"), claim.get("status"), dumps(claim))
        )
    top = {k: v for k, v in story.items() if k not in _SECTIONS}
    set_meta(conn, "story_top", dumps(top))
    generation = int(get_meta(conn, "generation", "0") or 0) + 1
    set_meta(conn, "generation", str(generation))


def _write_documents(conn: sqlite3.Connection, documents: list[dict[str, Any]]) -> dict[str, str | None]:
    old = {row[0]: (row[1], row[2]) for row in conn.execute("SELECT id, seq, hash FROM story_docs")}
    wanted = set()
    for seq, doc in enumerate(documents):
        wanted.add(doc["id"])
        text = dumps(doc)
        digest = content_hash(text)
        if old.get(doc["id"]) == (seq, digest):
            continue
        published = doc.get("published") or {}
        conn.execute("DELETE FROM story_docs WHERE id = ? OR seq = ?", (doc["id"], seq))
        conn.execute("DELETE FROM search WHERE kind = 'document' AND ref = ?", (doc["id"],))
        conn.execute(
            "INSERT INTO story_docs VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                seq,
                doc["id"],
                doc.get("path"),
                doc.get("source"),
                doc.get("title"),
                doc.get("url"),
                published.get("earliest"),
                published.get("latest"),
                digest,
                text,
            ),
        )
        conn.execute(
            "INSERT INTO search(kind, ref, title, body) VALUES ('document', ?, ?, ?)",
            (doc["id"], doc.get("title") or "", doc.get("text") or ""),
        )
    for gone in set(old) - wanted:
        conn.execute("DELETE FROM story_docs WHERE id = ?", (gone,))
        conn.execute("DELETE FROM search WHERE kind = 'document' AND ref = ?", (gone,))
    return {d["id"]: d.get("source") for d in documents}


def _write_entities(conn: sqlite3.Connection, entities: list[dict[str, Any]]) -> None:
    for rank, ent in enumerate(entities):
        conn.execute(
            "INSERT INTO entities VALUES (?,?,?,?,?,?)",
            (
                rank,
                ent["id"],
                ent.get("name", ""),
                ent.get("type"),
                len(ent.get("mentions") or []),
                dumps(ent),
            ),
        )
        roles = " ".join(str(r.get("title", "")) for r in ent.get("roles") or [] if isinstance(r, dict))
        conn.execute(
            "INSERT INTO search(kind, ref, title, body) VALUES ('entity', ?, ?, ?)",
            (ent["id"], ent.get("name", ""), " ".join(ent.get("aliases") or []) + " " + roles),
        )


def _write_events(conn: sqlite3.Connection, story: dict[str, Any], docs_by_id: dict[str, str | None]) -> None:
    rank_of = {event_id: rank for rank, event_id in enumerate(story.get("timeline", []))}
    flags_by_sentence = _claim_flags(story.get("claims", []))
    for pos, ev in enumerate(story.get("events", [])):
        start, end = day_interval(ev.get("date"))
        mentions = ev.get("mentions") or []
        flags: set[str] = set()
        for m in mentions:
            flags |= flags_by_sentence.get((m.get("doc", ""), m.get("sentence", "")), set())
        date = ev.get("date") or {}
        conn.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                pos,
                rank_of.get(ev["id"]),
                ev["id"],
                ev.get("summary"),
                ev.get("type"),
                ev.get("modality"),
                date.get("value"),
                date.get("granularity"),
                start,
                end,
                ev.get("source_count", 0),
                ",".join(sorted(flags)),
                dumps(ev),
            ),
        )
        for role in ("actors", "targets"):
            for entity_id in dict.fromkeys(ev.get(role) or []):
                conn.execute("INSERT INTO event_entities VALUES (?,?,?)", (ev["id"], entity_id, role[:-1]))
        for doc_id in dict.fromkeys(m.get("doc") for m in mentions if m.get("doc")):
            conn.execute("INSERT INTO event_docs VALUES (?,?,?)", (ev["id"], doc_id, docs_by_id.get(doc_id)))
        body = " ".join(m.get("sentence", "") for m in mentions)
        conn.execute(
            "INSERT INTO search(kind, ref, title, body) VALUES ('event', ?, ?, ?)",
            (ev["id"], ev.get("summary") or "", body),
        )


def read_story(conn: sqlite3.Connection) -> dict[str, Any]:
    """story.json exactly as the last add produced it."""
    top = json.loads(get_meta(conn, "story_top", "{}") or "{}")
    out: dict[str, Any] = {"schema_version": top.pop("schema_version", "1")}
    out["documents"] = [json.loads(r[0]) for r in conn.execute("SELECT json FROM story_docs ORDER BY seq")]
    out["entities"] = [json.loads(r[0]) for r in conn.execute("SELECT json FROM entities ORDER BY rank")]
    out["events"] = [json.loads(r[0]) for r in conn.execute("SELECT json FROM events ORDER BY pos")]
    out["timeline"] = top.pop("timeline", [])
    out["states"] = [json.loads(r[0]) for r in conn.execute("SELECT json FROM states ORDER BY rank")]
    out["claims"] = [json.loads(r[0]) for r in conn.execute("SELECT json FROM claims ORDER BY rank")]
    out.update(top)
    return out

"""Read-only queries over a store's served tables: filters, full-text search, pagination.

Every list answers {"total", "limit", "offset", "items"}. Values from the user only ever reach SQL
as bound parameters; search text is reduced to quoted word tokens before it reaches FTS5.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from storyline.store.db import get_meta

SNIPPET_OPEN, SNIPPET_CLOSE = "\ue000", "\ue001"  # private-use marks: the client turns them into <mark>


def fts_query(text: str) -> str | None:
    """User text -> an FTS5 query of quoted tokens (all must match; the last one as a prefix)."""
    tokens = re.findall(r"\w+", text or "")[:16]
    if not tokens:
        return None
    quoted = [f'"{t}"' for t in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass
class EventFilters:
    date_from: str | None = None  # ISO day: events whose date interval ends on/after it
    date_to: str | None = None  # ISO day: ... and starts on/before it
    entity: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)
    outlet: list[str] = field(default_factory=list)
    q: str | None = None
    flagged: bool = False  # only events citing a superseded or contradicted claim
    dated: bool = False  # only events with a date

    def where(self) -> tuple[str, list[Any]]:
        sql, args = ["1=1"], []
        if self.date_from:
            sql.append("e.day_end >= ?")
            args.append(self.date_from)
        if self.date_to:
            sql.append("e.day_start <= ?")
            args.append(self.date_to)
        if self.dated:
            sql.append("e.day_start IS NOT NULL")
        for column, values in (("type", self.type), ("modality", self.modality)):
            if values:
                sql.append(f"e.{column} IN ({','.join('?' * len(values))})")
                args += values
        for entity_id in self.entity:
            sql.append("e.id IN (SELECT event_id FROM event_entities WHERE entity_id = ?)")
            args.append(entity_id)
        if self.outlet:
            sql.append(
                f"e.id IN (SELECT event_id FROM event_docs WHERE source IN ({','.join('?' * len(self.outlet))}))"
            )
            args += self.outlet
        if self.flagged:
            sql.append("e.flags != ''")
        _add_search(sql, args, "e.id", "event", self.q)
        return " AND ".join(sql), args


def _add_search(sql: list[str], args: list[Any], column: str, kind: str, q: str | None) -> None:
    """With a query `q`, keep rows whose `column` is a `kind` record matching it in the full-text index
    (none when q has no searchable words)."""
    if not (q and q.strip()):
        return
    match = fts_query(q)
    in_index = f"{column} IN (SELECT ref FROM search WHERE search MATCH ? AND kind = '{kind}')"
    sql.append(in_index if match else "0")
    args += [match] if match else []


def _page(total: int, limit: int, offset: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


_EVENT_ORDER = "ORDER BY e.rank IS NULL, e.rank, e.pos"


def timeline(conn: sqlite3.Connection, f: EventFilters, limit: int, offset: int) -> dict[str, Any]:
    """Compact events in timeline order, for plotting."""
    where, args = f.where()
    total = conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT id, summary, type, modality, date_value, granularity, day_start, day_end, source_count, flags,"
        f" rank FROM events e WHERE {where} {_EVENT_ORDER} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    items = [
        {
            "id": r["id"],
            "summary": r["summary"],
            "type": r["type"],
            "modality": r["modality"],
            "date": {"value": r["date_value"], "granularity": r["granularity"]} if r["date_value"] else None,
            "start": r["day_start"],
            "end": r["day_end"],
            "source_count": r["source_count"],
            "flags": r["flags"].split(",") if r["flags"] else [],
            "rank": r["rank"],
        }
        for r in rows
    ]
    return _page(total, limit, offset, items)


def events(conn: sqlite3.Connection, f: EventFilters, limit: int, offset: int) -> dict[str, Any]:
    """Full event records (story.json form) in timeline order."""
    where, args = f.where()
    total = conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT json, flags FROM events e WHERE {where} {_EVENT_ORDER} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return _page(total, limit, offset, [_with_flags(r) for r in rows])


def _with_flags(row: sqlite3.Row) -> dict[str, Any]:
    out = json.loads(row["json"])
    out["flags"] = row["flags"].split(",") if row["flags"] else []
    return out


def event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event with what the page needs to show its sources: the documents it cites and the
    claims made in its sentences."""
    row = conn.execute("SELECT json, flags FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    out = _with_flags(row)
    doc_ids = list(dict.fromkeys(m.get("doc") for m in out.get("mentions", []) if m.get("doc")))
    out["documents"] = {d["id"]: d for d in (document_summary(conn, i) for i in doc_ids) if d}
    ids = list(dict.fromkeys(out.get("actors", []) + out.get("targets", [])))
    out["entities"] = (
        {
            r["id"]: {"id": r["id"], "name": r["name"], "type": r["type"]}
            for r in conn.execute(
                f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids
            )
        }
        if ids
        else {}
    )
    sentences = {(m.get("doc"), m.get("sentence")) for m in out.get("mentions", [])}
    out["claims"] = (
        [
            c
            for c in (
                json.loads(r[0])
                for r in conn.execute(
                    f"SELECT json FROM claims WHERE doc IN ({','.join('?' * len(doc_ids))})", doc_ids
                )
            )
            if (c.get("doc"), c.get("sentence")) in sentences
        ]
        if doc_ids
        else []
    )
    return out


def document_summary(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, path, source, title, url, json_extract(json, '$.published') AS published"
        " FROM story_docs WHERE id = ?",
        (doc_id,),
    ).fetchone()
    return _doc_item(row) if row else None


def _doc_item(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "path": row["path"],
        "source": row["source"],
        "title": row["title"],
        "url": row["url"],
        "published": json.loads(row["published"]) if row["published"] else None,
    }


def documents(
    conn: sqlite3.Connection,
    *,
    q: str | None,
    outlet: list[str],
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    sql, args = ["1=1"], []
    if outlet:
        sql.append(f"source IN ({','.join('?' * len(outlet))})")
        args += outlet
    if date_from:
        sql.append("day_end >= ?")
        args.append(date_from)
    if date_to:
        sql.append("day_start <= ?")
        args.append(date_to)
    _add_search(sql, args, "id", "document", q)
    where = " AND ".join(sql)
    total = conn.execute(f"SELECT COUNT(*) FROM story_docs WHERE {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT id, path, source, title, url, json_extract(json, '$.published') AS published"
        f" FROM story_docs WHERE {where} ORDER BY seq LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return _page(total, limit, offset, [_doc_item(r) for r in rows])


def document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT json FROM story_docs WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    out = json.loads(row[0])
    out["claims"] = [
        json.loads(r[0])
        for r in conn.execute("SELECT json FROM claims WHERE doc = ? ORDER BY rank", (doc_id,))
    ]
    out["events"] = [
        {"id": r[0], "summary": r[1]}
        for r in conn.execute(
            "SELECT e.id, e.summary FROM events e JOIN event_docs d ON d.event_id = e.id WHERE d.doc_id = ?"
            " ORDER BY e.rank IS NULL, e.rank, e.pos",
            (doc_id,),
        )
    ]
    return out


def entities(
    conn: sqlite3.Connection, *, q: str | None, type: list[str], limit: int, offset: int
) -> dict[str, Any]:
    sql, args = ["1=1"], []
    if type:
        sql.append(f"type IN ({','.join('?' * len(type))})")
        args += type
    _add_search(sql, args, "id", "entity", q)
    where = " AND ".join(sql)
    total = conn.execute(f"SELECT COUNT(*) FROM entities WHERE {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT json_remove(json, '$.mentions') AS json, mention_count FROM entities WHERE {where}"
        f" ORDER BY mention_count DESC, rank LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return _page(
        total, limit, offset, [{**json.loads(r["json"]), "mention_count": r["mention_count"]} for r in rows]
    )


def entity(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT json FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    out = json.loads(row[0])
    out["events"] = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT event_id FROM event_entities WHERE entity_id = ?", (entity_id,)
        )
    ]
    return out


def search(conn: sqlite3.Connection, q: str, kinds: list[str], limit: int, offset: int) -> dict[str, Any]:
    match = fts_query(q)
    if not match:
        return _page(0, limit, offset, [])
    kinds = [k for k in kinds if k in ("document", "entity", "event")] or ["document", "entity", "event"]
    where = f"search MATCH ? AND kind IN ({','.join('?' * len(kinds))})"
    total = conn.execute(f"SELECT COUNT(*) FROM search WHERE {where}", [match, *kinds]).fetchone()[0]
    rows = conn.execute(
        f"SELECT kind, ref, title, snippet(search, 3, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snippet"
        f" FROM search WHERE {where} ORDER BY rank LIMIT ? OFFSET ?",
        [match, *kinds, limit, offset],
    )
    return _page(total, limit, offset, [dict(r) for r in rows])


def states(
    conn: sqlite3.Connection,
    *,
    as_of: str | None,
    entity: str | None,
    relation: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """States (who holds what, between which dates); `as_of` keeps those holding on that day."""
    sql, args = ["1=1"], []
    if as_of:
        sql.append("(day_from IS NULL OR day_from <= ?) AND (day_until IS NULL OR day_until >= ?)")
        args += [as_of, as_of]
    if entity:
        sql.append("(subject = ? OR object = ?)")
        args += [entity, entity]
    if relation:
        sql.append("relation = ?")
        args.append(relation)
    where = " AND ".join(sql)
    total = conn.execute(f"SELECT COUNT(*) FROM states WHERE {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT json FROM states WHERE {where} ORDER BY rank LIMIT ? OFFSET ?", [*args, limit, offset]
    )
    return _page(total, limit, offset, [json.loads(r[0]) for r in rows])


def claims(
    conn: sqlite3.Connection, *, status: list[str], doc: str | None, limit: int, offset: int
) -> dict[str, Any]:
    sql, args = ["1=1"], []
    if status:
        sql.append(f"status IN ({','.join('?' * len(status))})")
        args += status
    if doc:
        sql.append("doc = ?")
        args.append(doc)
    where = " AND ".join(sql)
    total = conn.execute(f"SELECT COUNT(*) FROM claims WHERE {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT json FROM claims WHERE {where} ORDER BY rank LIMIT ? OFFSET ?", [*args, limit, offset]
    )
    return _page(total, limit, offset, [json.loads(r[0]) for r in rows])


def facets(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the filters can offer, with counts."""

    def counts(sql: str) -> list[dict[str, Any]]:
        return [{"value": r[0], "count": r[1]} for r in conn.execute(sql) if r[0] is not None]

    extent = conn.execute("SELECT MIN(day_start), MAX(day_end) FROM events").fetchone()
    return {
        "types": counts("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY 2 DESC"),
        "modalities": counts("SELECT modality, COUNT(*) FROM events GROUP BY modality ORDER BY 2 DESC"),
        "outlets": counts("SELECT source, COUNT(*) FROM story_docs GROUP BY source ORDER BY 2 DESC"),
        "entity_types": counts("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY 2 DESC"),
        "relations": counts("SELECT relation, COUNT(*) FROM states GROUP BY relation ORDER BY 2 DESC"),
        "claim_statuses": counts("SELECT status, COUNT(*) FROM claims GROUP BY status ORDER BY 2 DESC"),
        "date_extent": {"start": extent[0], "end": extent[1]},
    }


def info(conn: sqlite3.Connection) -> dict[str, Any]:
    def count(table: str) -> int:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    return {
        "documents": count("story_docs"),
        "entities": count("entities"),
        "events": count("events"),
        "states": count("states"),
        "claims": count("claims"),
        "generation": int(get_meta(conn, "generation", "0") or 0),
        "schema_version": conn.execute("PRAGMA user_version").fetchone()[0],
    }

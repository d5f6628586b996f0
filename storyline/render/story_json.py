"""story.json, as specified in shared/OUTPUT.md (schema_version 1). Extra fields are allowed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline.models import Document, Entity, Event, Story, to_plain
from storyline.stories import stories_json
from storyline.timeline import condense, timeline_sections

SCHEMA_VERSION = "1"


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "source": doc.source,
        "source_evidence": doc.source_evidence,
        "title": doc.title,
        "url": doc.url,
        "authors": doc.authors,
        "published": doc.published.to_json() if doc.published else None,
        "dateline": doc.dateline["text"] if doc.dateline else None,
        "text": doc.text,
        "removed": [r.text for r in doc.removed],
        "removed_detail": [{"text": r.text, "rule": r.reason, "raw_start": r.raw_start, "raw_end": r.raw_end}
                           for r in doc.removed],
        "segments": [[s.start, s.end, s.raw_start, s.raw_end] for s in doc.segments],
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                     "granularity": t.granularity, "anchor": t.anchor, **({"mod": t.mod} if t.mod else {})}
                    for t in doc.timexes],
        "duplicate_of": doc.duplicate_of,
        "duplicates": doc.duplicates,
    }


def entity_json(entity: Entity) -> dict[str, Any]:
    return to_plain(entity)


def event_json(event: Event) -> dict[str, Any]:
    out = to_plain(event)
    out["date"] = event.date.to_json() if event.date else None
    return out


def story_json(story: Story) -> dict[str, Any]:
    out = {
        "schema_version": SCHEMA_VERSION,
        "documents": [document_json(d) for d in story.documents],
        "entities": [entity_json(e) for e in story.entities],
        "events": [event_json(e) for e in story.events],
        "timeline": story.timeline,
        "timeline_sections": to_plain(timeline_sections(story.events)),
        "key_dates": [{"date": d.date.to_json(), "events": d.events, "score": round(d.score, 3)}
                      for d in condense(story.events, 10)],
        "states": story.states,
        "claims": story.claims,
        "statements": story.statements,
        "failures": [{"path": f.path, "reason": f.reason} for f in story.failures],
    }
    if len(story.stories) > 1:  # a mixed feed: which documents make up which story
        out["stories"] = stories_json(story.stories)
    return out


def write_story_json(story: Story, path: Path) -> None:
    tmp = path.with_suffix(".json.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(story_json(story), fh, ensure_ascii=False, indent=1)
    tmp.replace(path)  # never leave a half-written story.json behind

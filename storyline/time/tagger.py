"""tag_timexes: find time expressions, pick the longest non-overlapping ones, decide direction from
tense, and resolve each against the document date at the precision that date is known."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from storyline.models import DateValue, Document, PublishedDate, Sentence, TimeMatch, Timex
from storyline.time.calendar import common_value, granularity, value_interval
from storyline.time.grammar import Match, find_matches
from storyline.time.normalize import Value, normalize
from storyline.time.tense import tense_of

# Kinds whose value depends on which way the text points.
_DIRECTIONAL = {"date", "month", "weekday", "season", "quarter", "half", "holiday", "weekend", "time"}
_TENSED = _DIRECTIONAL | {"year"}      # the tense of years matters to publication-date evidence
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
# Anchors known only as month-day: resolve in these stand-in years, keep what does not depend on the year.
_PROXY_YEARS = range(2001, 2008)


def select(matches: Iterable[Match]) -> list[Match]:
    """Longest-leftmost choice among overlapping matches."""
    chosen: list[Match] = []
    last_end = -1
    for m in sorted(matches, key=lambda x: (x.start, -(x.end - x.start))):
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
    return chosen


def sentence_spans(text: str, sentences: list[Sentence] | None) -> list[tuple[int, int]]:
    """The parser's sentences where the document has them, else the plain splitter's."""
    return [(s.start, s.end) for s in sentences] if sentences else split_sentences(text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _anchor_days(anchor: DateValue | None, anchor_range: tuple[str, str] | None) -> tuple[date, date] | None:
    span = value_interval(anchor.value) if anchor and anchor.value else None
    if anchor_range and anchor_range[0] and anchor_range[1]:
        lo, hi = date.fromisoformat(anchor_range[0]), date.fromisoformat(anchor_range[1])
        span = (max(lo, span[0]), min(hi, span[1])) if span else (lo, hi)
        if span[0] > span[1]:
            span = (lo, hi)
    return span


def _resolve_in_range(m: TimeMatch, days: tuple[date, date] | None, direction: str, ref: str | None) -> Value | None:
    if days is None:
        return normalize(m, None, direction, ref)
    first = normalize(m, days[0], direction, ref)
    if first is None or days[0] == days[1] or not first.relative:
        return first
    second = normalize(m, days[1], direction, ref)
    if second is None or second.value == first.value:
        return first
    agreed = common_value(first.value, second.value)
    if agreed is None:
        unresolved = normalize(m, None, direction, ref)
        return unresolved
    first.value = agreed
    if first.type == "TIME" and "T" not in agreed:
        first.type = "DATE"
    return first


def _resolve_without_year(m: TimeMatch, month: int, day: int, direction: str, ref: str | None) -> Value | None:
    """Anchor 'XXXX-MM-DD': resolve in several stand-in years; keep a value only if all readings agree
    once the year is masked (weekdays differ from year to year, so "Friday" stays XXXX-WXX-5)."""
    readings = set()
    result = None
    for y in _PROXY_YEARS:
        if day > 28 and month == 2:
            y = 2004
        v = normalize(m, date(y, month, day), direction, ref)
        if v is None:
            return None
        if not v.relative:
            return v
        if v.value[:4] != str(y) and v.value[:4].isdigit():
            return normalize(m, None, direction, ref)
        readings.add(v.value[4:])
        result = v
    if result is None or len(readings) != 1:
        return normalize(m, None, direction, ref)
    result.value = "XXXX" + readings.pop()
    return result


@dataclass(slots=True)
class Tagged:
    """A timex with what produced it: the grammar match and the tense read around it."""

    timex: Timex
    match: TimeMatch

    @property
    def tense(self) -> str | None:
        return self.match.tense


def read_matches(text: str, spans: list[tuple[int, int]]) -> list[TimeMatch]:
    """The part of tagging that no document date changes: the grammar's longest-leftmost matches
    and the tense around each. Kept on the document, so a corpus step that moves its date resolves
    them again without running the grammar over the text (most of the cost of tagging)."""
    out: list[TimeMatch] = []
    si = 0
    for m in select(find_matches(text)):
        while si + 1 < len(spans) and spans[si][1] <= m.start:
            si += 1
        tense = tense_of(text, spans[si][0], spans[si][1], m.start, m.end) if m.kind in _TENSED else None
        out.append(TimeMatch(m.start, m.end, m.rule, m.kind, m.parts, tense))
    return out


def scan(text: str, anchor: DateValue | None = None, *, sentences: list[Sentence] | None = None,
         prefer_past: bool = True, anchor_range: tuple[str, str] | None = None,
         matches: list[TimeMatch] | None = None) -> list[Tagged]:
    """Tag and resolve; `matches`: read_matches of this text, when the caller kept them."""
    if matches is None:
        matches = read_matches(text, sentence_spans(text, sentences))
    days = _anchor_days(anchor, anchor_range)
    yearless = None
    if anchor and anchor.value and anchor.value.startswith("XXXX-") and len(anchor.value) == 10:
        yearless = (int(anchor.value[5:7]), int(anchor.value[8:10]))
    anchor_label = anchor.value if anchor and anchor.value else (f"{anchor_range[0]}/{anchor_range[1]}" if days else None)
    out: list[Tagged] = []
    ref: str | None = None
    for m in matches:
        direction = "past" if prefer_past else "nearest"
        if m.tense in ("past", "future") and m.kind in _DIRECTIONAL:
            direction = m.tense
        if yearless:
            v = _resolve_without_year(m, yearless[0], yearless[1], direction, ref)
        else:
            v = _resolve_in_range(m, days, direction, ref)
        if v is None or not v.value:
            continue
        gran = granularity(v.value) if v.type in ("DATE", "TIME") else None
        used = ref if v.uses_ref else (anchor_label if v.relative else None)
        timex = Timex(start=m.start, end=m.end, text=text[m.start:m.end], type=v.type, value=v.value,
                      granularity=gran, anchor=used, mod=v.mod, rule=m.rule)
        out.append(Tagged(timex, m))
        if v.type in ("DATE", "TIME") and gran and m.kind != "since-then":
            ref = v.value if v.type == "DATE" else v.value.split("T")[0]
    return out


def document_matches(doc: Document) -> list[TimeMatch]:
    """read_matches of the document's text, read once and kept in doc.time_matches."""
    if doc.time_matches is None:
        doc.time_matches = read_matches(doc.text, sentence_spans(doc.text, doc.sentences))
    return doc.time_matches


def tag_timexes(text: str, anchor: DateValue | None, *, sentences: list[Sentence] | None = None,
                prefer_past: bool = True, anchor_range: tuple[str, str] | None = None,
                matches: list[TimeMatch] | None = None) -> list[Timex]:
    """TIMEX3-style time expressions of `text`, with offsets into it.

    `anchor` is the document date at its precision ("2025-07-03", "2025-07", "XXXX-05-29" or None);
    `anchor_range` (earliest, latest ISO days) narrows it when the date is known as an interval.
    Relative expressions keep only what every day of the anchor agrees on, so nothing is invented.
    Bare weekdays and months point back unless the tense points forward (`prefer_past`).
    """
    return [t.timex for t in scan(text, anchor, sentences=sentences, prefer_past=prefer_past,
                                  anchor_range=anchor_range, matches=matches)]


def resolve_timexes(doc: Document, *, prefer_past: bool = True) -> None:
    """Fill doc.timexes, resolved against doc.published at its precision (its interval when narrower)."""
    p = doc.published
    anchor = DateValue(p.value, p.granularity or "day") if p and p.value else None
    interval = (p.earliest, p.latest) if p and p.earliest and p.latest else None
    doc.timexes = tag_timexes(doc.text, anchor, prefer_past=prefer_past, anchor_range=interval,
                              matches=document_matches(doc))
    doc.timexes_anchor = anchor_key(p)


def anchor_key(p: PublishedDate | None) -> str:
    """Which publication date a document's time expressions were resolved against."""
    return "|".join(x or "" for x in (p.value, p.earliest, p.latest)) if p else ""

"""Claim checking: sentences that state a status are compared with the state timeline.

A claim is true when written or not; if a later event changed the status it is *superseded* (since
when, by which source); if the timeline already contradicted it when it was written, or sources give
incompatible dates for one event, it is *contradicted*; otherwise it is *current*.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.models import Document, Event, Story
from storyline.timeline.dates import interval


@lru_cache(maxsize=1)
def claim_patterns() -> list[tuple[str, bool, re.Pattern[str]]]:
    text = resources.files("storyline.data").joinpath("claim_patterns.toml").read_text("utf-8")
    return [(p["relation"], p["holds"], re.compile(p["regex"], re.I if "[A-Z]" not in p["regex"] else 0))
            for p in tomllib.loads(text)["pattern"]]


def _written(doc: Document) -> Any:
    """First and last day the document may have been written, or None."""
    p = doc.published
    if p is None or not (p.earliest or p.value):
        return None
    first = interval(p.earliest or p.value or "")
    last = interval(p.latest or p.earliest or p.value or "")
    return (first[0], last[1]) if first and last else None


def _entities_in(doc: Document, start: int, end: int) -> set[str]:
    return {m.entity_id for m in doc.entity_mentions if m.entity_id and start <= m.start < end}


def _source_of(event_id: str, events: dict[str, Event], docs: dict[str, Document]) -> str:
    event = events.get(event_id)
    if not event or not event.mentions:
        return "an undated source"
    doc = docs.get(event.mentions[0]["doc"])
    return (doc.source or doc.path) if doc else "another source"


def _judge(relation: str, holds: bool, mentioned: set[str], written: Any, states: list[dict[str, Any]],
           events: dict[str, Event], docs: dict[str, Document]) -> tuple[str, list[str], str]:
    relevant = [s for s in states if s["relation"] == relation
                and (not mentioned or not s["object"] or s["object"] in mentioned or s["subject"] in mentioned)]
    if not relevant:
        return "current", [], "no event in the corpus changes this status"
    for state in relevant:
        start = interval(state["from"]["value"]) if state.get("from") else None
        until = interval(state["until"]["value"]) if state.get("until") else None
        change = start if not holds else until     # the boundary that would make the claim false
        boundary = state.get("from") if not holds else state.get("until")
        if change is None:
            continue
        if written is None:
            return "unknown", [], "the article has no known date"
        by = [state["evidence"][0 if not holds else -1]]
        source = _source_of(by[0], events, docs)
        what = f"{state.get('subject_name') or 'someone'} {relation.replace('_', ' ')} {state.get('object_name') or ''}"
        if change[0] > written[1]:
            verb = "began" if not holds else "ended"
            return "superseded", by, f"true when written; {what.strip()} {verb} {boundary['value']} ({source})"
        if change[1] < written[0]:
            verb = "had begun" if not holds else "had ended"
            return "contradicted", by, f"already false when written: {what.strip()} {verb} {boundary['value']} ({source})"
        return "unknown", by, (f"the article's date ({_fmt(written)}) is too uncertain to tell whether it was written"
                               f" before or after {what.strip()} changed on {boundary['value']} ({source})")
    return "current", [], "consistent with the state timeline at the time of writing and since"


def _fmt(span: Any) -> str:
    return f"{span[0].isoformat()}..{span[1].isoformat()}"


def check_claims(story: Story) -> list[dict[str, Any]]:
    docs = {d.id: d for d in story.documents}
    events = {e.id: e for e in story.events}
    claims: list[dict[str, Any]] = []
    for doc in story.documents:
        written = _written(doc)
        for sent in doc.sentences:
            seen: set[str] = set()  # one claim per relation per sentence; a sentence may hold several
            for relation, holds, pattern in claim_patterns():
                if relation in seen or not pattern.search(sent.text):
                    continue
                seen.add(relation)
                status, by, why = _judge(relation, holds, _entities_in(doc, sent.start, sent.end), written,
                                         story.states, events, docs)
                claims.append({"doc": doc.id, "sentence": sent.text, "start": sent.start, "end": sent.end,
                               "relation": relation, "asserts": "holds" if holds else "does not hold",
                               "status": status, "by": by, "explanation": why})
    claims.extend(date_conflicts(story))
    return claims


# Acts that happen once between the same parties: two dates for one of them is a disagreement.
# (Visits, talks and statements recur, so differing dates there are separate events.)
_ONCE_ONLY = {"DESIGNATE", "DELIST", "RECOGNIZE", "COURT_RULING", "BILL_INTRODUCED", "BILL_PASSED", "BILL_SIGNED",
              "TAKE_POWER", "ACCREDIT"}


def date_conflicts(story: Story) -> list[dict[str, Any]]:
    """Mentions of one event (same type and participants) whose dates cannot both be true."""
    groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Event]] = {}
    for event in story.events:
        if (event.type in _ONCE_ONLY and event.date and (event.actors or event.targets)
                and event.modality in ("asserted", "reported")):
            groups.setdefault((event.type, tuple(sorted(event.actors)), tuple(sorted(event.targets))), []).append(event)
    out = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                ia, ib = interval(a.date.value), interval(b.date.value)
                if not ia or not ib or a.date.granularity != b.date.granularity or ia[1] >= ib[0] and ib[1] >= ia[0]:
                    continue
                if {m["doc"] for m in a.mentions} & {m["doc"] for m in b.mentions}:
                    continue  # one article telling two occurrences is not a disagreement between sources
                for this, other in ((a, b), (b, a)):
                    m = this.mentions[0]
                    out.append({"doc": m["doc"], "sentence": m.get("sentence", ""), "status": "contradicted",
                                "by": [other.id], "relation": "event_date",
                                "explanation": f"dates this {this.type.lower()} {this.date.value}; another source says"
                                               f" {other.date.value}"})
    return out

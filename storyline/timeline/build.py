"""The story's timeline: chronological order at each date's own precision, undated events apart,
background apart from new developments, and a condensed view of the k most important dates.

Order: by the first day a date covers, so "2021" (starting 2021-01-01) comes before "2021-08" and
"2021-08-15"; a coarser date sorts before the finer dates that start on the same day. Undated
events come last, ordered by the latest day they can have happened (the publication day of the
earliest article reporting them), then by id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from storyline.events.lexicon import load_lexicon
from storyline.models import DateValue, Event
from storyline.timeline.dates import interval, sort_key

_MODALITY_WEIGHT = {"asserted": 1.0, "reported": 0.9, "planned": 0.6, "possible": 0.4, "negated": 0.3}


def _key(e: Event) -> tuple:
    undated_bound = e.extra.get("not_after") or "9999"
    return (*sort_key(e.date), undated_bound, e.id)


def build_timeline(events: list[Event]) -> list[str]:
    """Event ids in chronological order, undated events last."""
    return [e.id for e in sorted(events, key=_key)]


@dataclass(slots=True)
class TimelineSections:
    developments: list[str] = field(default_factory=list)   # dated new developments, in order
    background: list[str] = field(default_factory=list)     # dated history the articles recall
    undated: list[str] = field(default_factory=list)        # no date known (see Event.extra["not_after"])


def timeline_sections(events: list[Event]) -> TimelineSections:
    out = TimelineSections()
    for e in sorted(events, key=_key):
        if e.date is None or interval(e.date.value) is None:
            out.undated.append(e.id)
        elif e.background:
            out.background.append(e.id)
        else:
            out.developments.append(e.id)
    return out


def importance(e: Event) -> float:
    """Type weight (state changes above talk) x independent sources x modality."""
    lex = load_lexicon()
    sources = math.log2(1 + max(1, e.source_count))
    modality = _MODALITY_WEIGHT.get(e.modality, 0.5)
    return lex.weight(e.type) * sources * modality * (1 + 0.1 * min(len(e.mentions), 10))


@dataclass(slots=True)
class DateEntry:
    date: DateValue
    events: list[str]
    score: float


def condense(events: list[Event], k: int) -> list[DateEntry]:
    """The k most important dates (timeline summarization), in chronological order. A date's score
    is the sum of its events' importance; negated and merely possible events count little."""
    by_date: dict[str, DateEntry] = {}
    for e in events:
        if e.date is None or interval(e.date.value) is None:
            continue
        entry = by_date.setdefault(e.date.value, DateEntry(e.date, [], 0.0))
        entry.events.append(e.id)
        entry.score += importance(e)
    ranked = sorted(by_date.values(), key=lambda d: (-d.score, d.date.value))[:max(0, k)]
    weights = {e.id: importance(e) for e in events}
    for entry in ranked:
        entry.events.sort(key=lambda i: -weights[i])
    return sorted(ranked, key=lambda d: sort_key(d.date))

"""State tracking: relations whose value changes over time become intervals built from events.

A designation opens with the event that lists someone and closes with the one that removes them;
recognition opens with the act of recognition; and so on (rules in data/state_rules.toml). Dates keep
their precision: an interval from "2003" until "2025-04" is reported exactly so, and an as-of query
inside the month an interval ends in is answered "uncertain" rather than guessed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.models import DateValue, Entity, Event
from storyline.timeline.dates import interval

# Modalities under which an event really changed the world (planned or denied acts change nothing yet).
_EFFECTIVE = {"asserted", "reported"}


@dataclass(slots=True)
class StateInterval:
    subject: str | None
    relation: str
    object: str | None
    start: DateValue | None
    until: DateValue | None = None
    evidence: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def state_rules() -> dict[str, dict[str, str]]:
    text = resources.files("storyline.data").joinpath("state_rules.toml").read_text("utf-8")
    return {rule["event"]: rule for rule in tomllib.loads(text)["rule"]}


def _first(ids: list[str]) -> str | None:
    return ids[0] if ids else None


def _sort_key(event: Event) -> tuple[int, date, date]:
    span = interval(event.date.value) if event.date else None
    return (0, span[0], span[1]) if span else (1, date.max, date.max)


def _matches(state: StateInterval, relation: str, subject: str | None, obj: str | None) -> bool:
    if state.relation != relation or state.until is not None:
        return False
    same_object = obj is None or state.object is None or state.object == obj
    same_subject = subject is None or state.subject is None or state.subject == subject
    return same_object and same_subject


def track_states(events: list[Event]) -> list[StateInterval]:
    """Intervals from the events, in chronological order of their effects."""
    rules = state_rules()
    states: list[StateInterval] = []
    for event in sorted(events, key=_sort_key):
        rule = rules.get(event.type)
        if rule is None or event.modality not in _EFFECTIVE:
            continue
        pick = {"actor": _first(event.actors), "target": _first(event.targets)}
        subject, obj = pick[rule["subject"]], pick[rule["object"]]
        if subject is None and obj is None:
            continue  # a state of nobody about nothing tells the reader nothing
        open_ = [s for s in states if _matches(s, rule["relation"], subject, obj)]
        if not open_ and rule["effect"] == "end":
            # The body that ends a state is often not the one that started it (a court lifts what a
            # government listed): the object decides.
            open_ = [s for s in states if _matches(s, rule["relation"], None, obj)]
        if event.date is None and not open_:
            # An undated mention of a state already on record is more evidence, not a new interval.
            known = [s for s in states if s.relation == rule["relation"] and obj is not None and s.object == obj]
            if known:
                known[-1].evidence.append(event.id)
                continue
        if rule["effect"] == "start":
            if open_:  # the same state told again: more evidence, not a new interval
                state = open_[0]
                state.evidence.append(event.id)
                state.subject = state.subject or subject
                state.object = state.object or obj
            else:
                states.append(StateInterval(subject, rule["relation"], obj, event.date, None, [event.id]))
        else:
            if open_:
                state = open_[-1]
                state.until = event.date
                state.evidence.append(event.id)
                state.subject = state.subject or subject
                state.object = state.object or obj
            else:  # an end with no known start: the state held before, since some unknown date
                states.append(StateInterval(subject, rule["relation"], obj, None, event.date, [event.id]))
    return states


def states_json(states: list[StateInterval], entities: list[Entity]) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in entities}
    return [{
        "subject": s.subject or "", "relation": s.relation, "object": s.object or "",
        "subject_name": names.get(s.subject or "", None), "object_name": names.get(s.object or "", None),
        "from": s.start.to_json() if s.start else None, "until": s.until.to_json() if s.until else None,
        "evidence": s.evidence,
    } for s in states]


def status_on(state: dict[str, Any], when: str) -> str:
    """'holds', 'not yet', 'ended' or 'uncertain' for an ISO date `when` (any precision)."""
    span = interval(when)
    if span is None:
        raise ValueError(f"not an ISO date: {when!r}")
    start = interval(state["from"]["value"]) if state.get("from") else None
    until = interval(state["until"]["value"]) if state.get("until") else None
    if start and span[1] < start[0]:
        return "not yet"
    if until and span[0] > until[1]:
        return "ended"
    if (start and span[0] < start[1]) or (until and span[1] >= until[0]):
        return "uncertain"  # the query falls inside the precision of a boundary
    return "holds"


def as_of(story: dict[str, Any], when: str, entity: str | None = None) -> list[dict[str, Any]]:
    """Every state with its status on `when`, optionally only those involving an entity (id or name)."""
    out = []
    ids = None
    if entity:
        needle = entity.casefold()
        ids = {e["id"] for e in story.get("entities", [])
               if e["id"] == entity or needle in (a.casefold() for a in [e["name"], *e.get("aliases", [])])}
    for state in story.get("states", []):
        if ids is not None and not ({state["subject"], state["object"]} & ids):
            continue
        out.append({**state, "status": status_on(state, when), "as_of": when})
    return out

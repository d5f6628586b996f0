"""Per-entity timelines in the SemEval-2015 Task 4 format (Minard et al. 2015):

    <target entity name>
    <position>\t<anchor>\t<doc>-<sentence>-<word>[\t<doc>-<sentence>-<word> ...]

One line per event; mentions of one event share a line. Positions count distinct moments in
chronological order from 1; events that cannot be placed go at position 0 with anchor XXXX-XX-XX.
Anchors carry the precision known: "2010-06-07", "2008-03", "1976".
"""

from __future__ import annotations

import re
from pathlib import Path

from storyline.models import Document, Entity, Event
from storyline.timeline.dates import interval, sort_key

UNKNOWN_ANCHOR = "XXXX-XX-XX"


def _file_name(name: str) -> str:
    return re.sub(r"[^\w]+", "_", name.strip().lower()).strip("_") or "entity"


def _entity_ids(name: str, entities: list[Entity]) -> set[str]:
    wanted = name.strip().casefold()
    return {e.id for e in entities
            if e.name.casefold() == wanted or any(a.casefold() == wanted for a in e.aliases)}


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def name_matches(target: str, name: str) -> bool:
    """"Steve Jobs" matches "company CEO Steve Jobs" and the surname "Jobs"; "iPhone 4" does not
    match "iPhone 3G" nor "iPhone". Used when no resolved entity links the two."""
    want = [t.casefold() for t in _tokens(target)]
    have = [t.casefold() for t in _tokens(name)]
    if not want or not have:
        return False
    if all(w in have for w in want):
        return True
    if len(have) >= 2 and all(h in want for h in have):   # "Apple Corps" for "Beatles Apple Corps"
        return True
    return len(have) == 1 and have[0] == _distinctive(target)


def _distinctive(target: str) -> str | None:
    """The word a short mention would use: the last word when it is a name ("Jobs"), the name
    before a common-noun head ("iTunes" in "iTunes store"); none when the last word is a number
    ("iPhone 4" is not "iPhone")."""
    words = _tokens(target)
    if len(words) < 2 or words[-1].isdigit():
        return None
    if any(c.isupper() for c in words[-1]):
        return words[-1].casefold()
    if any(c.isupper() for c in words[-2]):
        return words[-2].casefold()
    return None


def _involves(event: Event, ids: set[str], name: str) -> bool:
    if ids & (set(event.actors) | set(event.targets)):
        return True
    names = event.extra.get("actor_names", []) + event.extra.get("target_names", []) \
        + event.extra.get("phrases", [])
    return any(name_matches(name, n) for n in names)


def anchor_of(event: Event, docs_by_id: dict[str, Document], undated_to_publication: bool) -> str | None:
    """The event's date; or, when asked, the publication date of its earliest report for a new
    development the articles give no date for (the task's convention for news of the day)."""
    if event.date is not None and interval(event.date.value) is not None:
        return event.date.value
    if not undated_to_publication or event.background:
        return None
    days = []
    for m in event.mentions:
        doc = docs_by_id.get(m["doc"])
        if doc is not None and doc.published is not None and doc.published.value:
            days.append(doc.published.value)
    return min(days) if days else None


def mention_ids(event: Event, docs_by_id: dict[str, Document]) -> list[str]:
    out = []
    for m in event.mentions:
        doc = docs_by_id.get(m["doc"])
        trigger = m.get("trigger", {})
        if doc is None or "start" not in trigger:
            continue
        sentence = next((i for i, s in enumerate(doc.sentences) if s.start <= trigger["start"] < s.end), -1)
        out.append(f"{doc.extra.get('semeval_id', doc.id)}-{sentence}-{trigger['text']}")
    return sorted(set(out))


def format_timeline(name: str, events: list[Event], docs: list[Document], *,
                    undated_to_publication: bool = True) -> str:
    docs_by_id = {d.id: d for d in docs}
    dated, undated = [], []
    for e in events:
        anchor = anchor_of(e, docs_by_id, undated_to_publication)
        (dated if anchor else undated).append((anchor, e))
    lines = [name]
    for _, e in sorted(undated, key=lambda p: p[1].id):
        ids = mention_ids(e, docs_by_id)
        if ids:
            lines.append("\t".join(["0", UNKNOWN_ANCHOR, *ids]))
    position, previous = 0, None

    def order(p: tuple) -> tuple:
        anchor, e = p
        first = min(((m["doc"], m.get("trigger", {}).get("start", 0)) for m in e.mentions), default=("", 0))
        return (sort_key(e.date) if e.date else sort_key(_as_date(anchor)), first)
    for anchor, e in sorted(dated, key=order):
        ids = mention_ids(e, docs_by_id)
        if not ids:
            continue
        if anchor != previous:
            position += 1
            previous = anchor
        lines.append("\t".join([str(position), anchor, *ids]))
    return "\n".join(lines) + "\n"


def _as_date(value: str):
    from storyline.models import DateValue
    granularity = {4: "year", 7: "month"}.get(len(value), "day")
    return DateValue(value, granularity)


def write_entity_timelines(story_events: list[Event], entities: list[Entity], docs: list[Document],
                           target_names: list[str], outdir: str | Path, *,
                           undated_to_publication: bool = True) -> list[Path]:
    """Write OUTDIR/entity_timelines/<entity>.txt for each target name; returns the paths."""
    folder = Path(outdir) / "entity_timelines"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in target_names:
        ids = _entity_ids(name, entities)
        chosen = [e for e in story_events if _involves(e, ids, name)]
        path = folder / f"{_file_name(name)}.txt"
        path.write_text(format_timeline(name, chosen, docs, undated_to_publication=undated_to_publication),
                        encoding="utf-8")
        written.append(path)
    return written


def read_timeline(text: str) -> tuple[str, list[tuple[int, str, list[str]]]]:
    """(entity name, [(position, anchor, mention ids)]) from a timeline file's text."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return "", []
    rows = []
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].strip().isdigit():
            rows.append((int(parts[0]), parts[1].strip(), [p.strip() for p in parts[2:] if p.strip()]))
    return lines[0].strip(), rows
